export * from './options.js';
export * from './run-exec.js';
export * from './exec-session.js';
