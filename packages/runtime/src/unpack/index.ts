export * from './apply.js';
export * from './paths.js';
export { patchTarStreamPax } from './tar-pax.js';
