export * from './store.js';
export * from './atomic-file.js';
