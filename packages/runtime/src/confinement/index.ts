export * from './apparmor-profile.js';
export * from './apparmor-load.js';
export * from './runtime-features.js';
export * from './detect.js';
