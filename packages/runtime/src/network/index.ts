export * from './ports.js';
export * from './etc-files.js';
export * from './cni-config.js';
export * from './cni-exec.js';
export * from './netns.js';
export * from './port-probe.js';
export * from './network-manager.js';
