// Test support shared by Berth's integration tests, e2e and benchmarks. Never a dependency of a
// shipped package: devDependencies only.
export * from './ports.js';
export * from './wait.js';
export * from './processes.js';
export * from './temp.js';
export * from './registry.js';
export * from './token-proxy.js';
export * from './tar.js';
export * from './layers.js';
export * from './busybox.js';
export * from './images.js';
export * from './push.js';
export * from './oci.js';
export * from './dockerd.js';
export * from './tree.js';
