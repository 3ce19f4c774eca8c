#!/usr/bin/env -S node --max-semi-space-size=2
// --max-semi-space-size=2 (MB): V8's young generation otherwise grows to 2 × 16 MB during bursts
// (e.g. starting 100 containers) and stays committed; the agent keeps little short-lived data, so
// small semi-spaces cost a few more sub-millisecond scavenges and save ≈ 25–30 MB of RSS.
// Stable bin shim (exists before the build so npm links it); the daemon is compiled to dist/.
await import('../dist/bin/berth-agent.js');
