export * from './manifest.js';
export * from './media-types.js';
export * from './platform.js';
