// The fleet harness (`@berth/testkit/fleet`): web replicas behind HAProxy on PostgreSQL,
// simulated agents and browsers. Used by bench/fleet.ts and apps/web/test/cluster.test.ts.
export * from './services.js';
export * from './sim-agent.js';
export * from './sim-browser.js';
export * from './run-fleet.js';
export * from './percentile.js';
export * from './proc-usage.js';
