export * from './options.js';
export * from './run-exec.js';
export * from './exec-session.js';
export * from './exec-process.js';
