export * from './stats.js';
export * from './parse.js';
export * from './reader.js';
export * from './cpu-percent.js';
export * from './net-dev.js';
export { parseCpuMax } from './v2/cpu.js';
