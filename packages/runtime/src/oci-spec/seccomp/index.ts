export * from './profile.js';
export * from './resolve.js';
export * from './default-profile.js';
