export * from './snapshotter.js';
export * from './mounts.js';
