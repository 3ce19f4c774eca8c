export * from './resolve-in-root.js';
export * from './stat-path.js';
export * from './pack.js';
export * from './extract.js';
