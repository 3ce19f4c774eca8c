#!/usr/bin/env node
// `npm test`: the whole suite. Installs what the tests need (Debian packages, npm ci), builds,
// then runs static checks, unit tests, integration tests (root, real components) and end-to-end
// tests in Chromium. Prints `N passed, N failed` last; exits non-zero when anything failed.
//
//   npm test                      everything
//   npm test -- --only unit       one tier: static | unit | integration | e2e (repeatable)
//   npm test -- --skip-build      reuse the last build
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import {
  ensurePackages,
  RUNTIME_PACKAGES,
  TEST_PACKAGES,
  BUILD_PACKAGES,
} from './lib/system-deps.mjs';
import { ensureNodeModules, run } from './lib/npm-deps.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const only = argv.flatMap((a, i) => (a === '--only' ? [argv[i + 1]] : []));
const wants = (tier) => only.length === 0 || only.includes(tier);
const skipBuild = argv.includes('--skip-build');

/** Workspaces with node tests, in dependency order. */
const WORKSPACES = [
  'packages/protocol',
  'packages/log',
  'packages/runtime',
  'packages/compose',
  'packages/testkit',
  'prisma',
  'apps/agent',
  'apps/web',
];

const results = []; // { tier, name, passed, failed, skipped }
const reportDir = join(root, 'data', 'test-reports');

function tapCounts(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  return {
    passed: num('pass'),
    failed: num('fail') + num('cancelled'),
    skipped: num('skipped') + num('todo'),
  };
}

function runNodeTier(tier) {
  for (const ws of WORKSPACES) {
    const dir = join(root, ws, tier === 'unit' ? 'src' : 'test');
    if (!existsSync(dir)) continue;
    const tap = join(reportDir, `${tier}-${ws.replace('/', '-')}.tap`);
    rmSync(tap, { force: true });
    console.log(`\n━━ ${tier}: ${ws} ━━`);
    const args = [
      join(root, 'scripts/node-tests.mjs'),
      ...(tier === 'integration' ? ['--serial'] : []),
      '--tap',
      tap,
      dir,
    ];
    const r = spawnSync(process.execPath, args, {
      cwd: join(root, ws),
      stdio: 'inherit',
      env: process.env,
    });
    const counts = tapCounts(tap);
    if (counts) results.push({ tier, name: ws, ...counts });
    else if (r.status !== 0) results.push({ tier, name: ws, passed: 0, failed: 1, skipped: 0 });
  }
}

function runCheck(tier, name, cmd, args) {
  console.log(`\n━━ ${tier}: ${name} ━━`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  results.push({
    tier,
    name,
    passed: r.status === 0 ? 1 : 0,
    failed: r.status === 0 ? 0 : 1,
    skipped: 0,
  });
}

function runE2e() {
  const json = join(reportDir, 'e2e.json');
  rmSync(json, { force: true });
  console.log('\n━━ e2e: Playwright in Chromium ━━');
  spawnSync(
    'npx',
    ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: json },
    },
  );
  if (!existsSync(json)) {
    results.push({ tier: 'e2e', name: 'playwright', passed: 0, failed: 1, skipped: 0 });
    return;
  }
  const stats = JSON.parse(readFileSync(json, 'utf8')).stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const failed = stats.unexpected ?? 0;
  // A run in which nothing ran (e.g. global setup crashed) is a failure, not a pass.
  const nothingRan = passed + failed === 0;
  results.push({
    tier: 'e2e',
    name: 'playwright',
    passed,
    failed: nothingRan ? 1 : failed,
    skipped: stats.skipped ?? 0,
  });
}

try {
  ensurePackages([...BUILD_PACKAGES, ...RUNTIME_PACKAGES, ...TEST_PACKAGES]);
  ensureNodeModules(root);
  if (!skipBuild) run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root });
} catch (err) {
  console.error(`\nsetup failed: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
mkdirSync(reportDir, { recursive: true });

if (wants('static')) {
  runCheck('static', 'typecheck', 'npx', [
    'turbo',
    'run',
    'typecheck',
    '--output-logs=errors-only',
  ]);
  runCheck('static', 'lint', 'npx', ['turbo', 'run', 'lint', '--output-logs=errors-only']);
  runCheck('static', 'format', 'npx', ['prettier', '--check', '--log-level=warn', '.']);
  // no import circle between modules (dpdm), no cycle between workspace packages (turbo)
  runCheck('static', 'import circles', 'npm', ['run', '--silent', 'check:circles']);
  runCheck('static', 'package cycles', process.execPath, [
    join(root, 'scripts/check-package-cycles.mjs'),
  ]);
}
if (wants('unit')) runNodeTier('unit');
if (wants('integration')) runNodeTier('integration');
if (wants('e2e')) runE2e();

console.log('\n━━ summary ━━');
for (const r of results) {
  console.log(
    `${r.tier.padEnd(12)} ${r.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
}
const total = (k) => results.reduce((n, r) => n + r[k], 0);
const skipped = total('skipped');
console.log(
  `${total('passed')} passed, ${total('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(total('failed') > 0 ? 1 : 0);
