export * from './options.js';
export * from './run-exec.js';
export * from './exec-session.js';
export * from './exec-process.js';
export * from './conmon-exec-args.js';
export * from './sweep.js';
