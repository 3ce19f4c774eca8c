#!/usr/bin/env node
// Fails when turbo sees a cycle between workspace packages (it only warns, and then plans the
// task graph around it). Reads the workspaces' package.json dependencies the way turbo does.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['turbo', 'run', 'build', '--dry-run=json'], { encoding: 'utf8' });
const out = `${r.stdout}\n${r.stderr}`;
const cycle = out.split('\n').find((l) => /circular/i.test(l));
if (r.status !== 0 || cycle) {
  console.error(cycle ?? `turbo --dry-run failed (${r.status}):\n${r.stderr}`);
  process.exit(1);
}
console.log('no package cycle');
