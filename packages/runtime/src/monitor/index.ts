export * from './conmon-args.js';
export * from './conmon.js';
export * from './exit-file.js';
export * from './log-line.js';
export * from './log-reader.js';
export * from './attach-protocol.js';
export * from './attach-socket.js';
