#!/usr/bin/env node
// Stable bin shim (exists before the build so npm links it); the CLI is compiled to dist/.
await import('../dist/server/cli/berth-web.js');
