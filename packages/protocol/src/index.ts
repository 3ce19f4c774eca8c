export * from './errors.js';
export * from './schemas.js';
export * from './messages.js';

/** socket.io namespaces served by the web. */
export const AGENT_NAMESPACE = '/agent';
export const UI_NAMESPACE = '/ui';
export * from './handshake.js';
export * from './images.js';
export * from './containers.js';
export * from './networks.js';
export * from './terminal.js';
export * from './stats-stream.js';
export * from './dashboard.js';
export * from './stacks.js';
export * from './volumes.js';
export * from './capabilities.js';
export * from './elevated.js';
export * from './host-policy.js';
export * from './versions.js';
export * from './upgrade.js';
