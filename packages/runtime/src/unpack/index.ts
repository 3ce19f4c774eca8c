export * from './apply.js';
export * from './paths.js';
