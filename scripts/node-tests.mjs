#!/usr/bin/env node
// Runs node's test runner (with tsx) over every *.test.ts below the given folders (or given files).
// Node 20's --test takes no globs, so this finds the files. Usage:
//   node scripts/node-tests.mjs [--serial] [--tap FILE] DIR|FILE... [-- extra node --test args]
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const dashdash = args.indexOf('--');
const extra = dashdash >= 0 ? args.slice(dashdash + 1) : [];
const own = dashdash >= 0 ? args.slice(0, dashdash) : args;
const serial = own.includes('--serial');
const tapAt = own.indexOf('--tap');
const tapFile = tapAt >= 0 ? own[tapAt + 1] : undefined;
const dirs = own.filter((a, i) => !a.startsWith('--') && !(tapAt >= 0 && i === tapAt + 1));

function find(dir) {
  if (!existsSync(dir)) return [];
  // a test file named directly runs alone
  if (!statSync(dir).isDirectory()) return dir.endsWith('.test.ts') ? [dir] : [];
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = dirs.flatMap((d) => find(resolve(d))).sort();
if (files.length === 0) {
  console.log(`no test files under ${dirs.join(', ')}`);
  process.exit(0);
}
// With --tap FILE: human-readable spec on stdout, TAP (whose last lines carry the counts) in FILE.
const reporters = tapFile
  ? [
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
    ]
  : [];
const nodeArgs = [
  '--import',
  'tsx',
  '--test',
  // A test that hangs fails after 10 minutes (its after() hooks still clean up) instead of
  // holding CI until its deadline.
  '--test-timeout=600000',
  ...(serial ? ['--test-concurrency=1'] : []),
  ...reporters,
  ...extra,
  ...files,
];
const r = spawnSync(process.execPath, nodeArgs, { stdio: 'inherit' });
process.exit(r.status ?? 1);
