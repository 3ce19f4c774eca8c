#!/usr/bin/env node
// Stable bin shim (exists before the build so npm links it); the daemon is compiled to dist/.
await import('../dist/bin/berth-agent.js');
