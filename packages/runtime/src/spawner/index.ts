export * from './spawner.js';
export { shQuote } from './protocol.js';
