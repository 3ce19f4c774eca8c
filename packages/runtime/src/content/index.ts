export * from './content.js';
export * from './local-store.js';
export * from './atomic-file.js';
