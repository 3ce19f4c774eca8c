export * from './args.js';
export * from './types.js';
export * from './run-binary.js';
export * from './cli-runtime.js';
export * from './select.js';
