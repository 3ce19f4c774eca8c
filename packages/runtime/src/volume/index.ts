export * from './mount-spec.js';
export * from './volume-store.js';
