export * from './snapshotter.js';
export * from './overlay-snapshotter.js';
export * from './mounts.js';
