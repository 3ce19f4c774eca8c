export * from './gc.js';
export * from './layers.js';
