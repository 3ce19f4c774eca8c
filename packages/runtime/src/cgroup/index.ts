export * from './stats.js';
export * from './scan.js';
export * from './reader.js';
export * from './cpu-percent.js';
export * from './net-dev.js';
export { StatFile } from './stat-file.js';
export { parseCpuMax } from './v2/cpu.js';
export { parsePsi } from './v2/psi.js';
