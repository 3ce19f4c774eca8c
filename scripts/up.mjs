#!/usr/bin/env node
// `npm run up`: install what is missing, build, and run Berth on this machine — the web on
// http://127.0.0.1:3000 (or $HOST:$PORT) and one local agent enrolled to it. Ctrl-C stops both.
// A second run reuses ./data (database, agent credential, images, containers).
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensurePackages, RUNTIME_PACKAGES, BUILD_PACKAGES } from './lib/system-deps.mjs';
import { ensureNodeModules, run } from './lib/npm-deps.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dataDir = process.env.BERTH_DATA_DIR ?? join(root, 'data');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const publicUrl = process.env.BERTH_PUBLIC_URL ?? `http://${host}:${port}`;
const agentDataRoot = process.env.BERTH_DATA_ROOT ?? join(dataDir, 'agent');
const agentExecRoot = process.env.BERTH_EXEC_ROOT ?? '/run/berth';
const credentialFile = join(agentDataRoot, 'agent', 'credential.json');
const children = [];

function say(msg) {
  console.log(`\x1b[1;36mberth\x1b[0m ${msg}`);
}

function start(name, args, env, onLine) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      console.log(`\x1b[2m${name.padEnd(5)}|\x1b[0m ${line}`);
      onLine?.(line);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      shutdown(1);
    }
  });
  return child;
}

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (
    children.some((c) => c.exitCode === null && c.signalCode === null) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function waitForWeb() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${publicUrl}/login`);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the web did not come up on ${publicUrl}`);
}

/** First run: enroll the local agent through the same API the UI uses. */
async function createLocalJoinToken(adminPassword) {
  const headers = { 'content-type': 'application/json', origin: new URL(publicUrl).origin };
  const login = await fetch(`${publicUrl}/api/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  if (!login.ok) throw new Error(`admin login failed (${login.status}); set BERTH_ADMIN_PASSWORD`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const created = await fetch(`${publicUrl}/api/hosts`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({
      name:
        hostname()
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, '-')
          .slice(0, 63) || 'local',
    }),
  });
  const body = await created.json();
  if (!created.ok)
    throw new Error(`could not add the local host: ${body.message ?? created.status}`);
  return body.joinToken;
}

async function main() {
  ensurePackages([...BUILD_PACKAGES, ...RUNTIME_PACKAGES]);
  ensureNodeModules(root);
  say('building…');
  run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root });
  // The database and the agent's credential live here: owner only.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);

  let adminPassword = process.env.BERTH_ADMIN_PASSWORD;
  const env = {
    NODE_ENV: 'production',
    HOST: host,
    PORT: String(port),
    BERTH_PUBLIC_URL: publicUrl,
    DATABASE_URL: process.env.DATABASE_URL ?? `file:${join(dataDir, 'berth.db')}`,
  };
  say(`starting the web on ${publicUrl}`);
  start('web', [join(root, 'apps/web/dist/server/main.js')], env, (line) => {
    const m = line.match(/Admin password: (\S+)/);
    if (m) adminPassword = m[1];
  });
  await waitForWeb();

  const agentArgs = [
    join(root, 'apps/agent/bin/berth-agent.js'),
    '--server',
    publicUrl,
    '--data-root',
    agentDataRoot,
    '--exec-root',
    agentExecRoot,
  ];
  // The join token goes through the environment: argv is readable by every local user.
  const agentEnv = {};
  if (!existsSync(credentialFile)) {
    if (!adminPassword) {
      say('the local agent is not enrolled and the admin password is unknown:');
      say('add a host in the UI and run the command it shows, or set BERTH_ADMIN_PASSWORD.');
    } else {
      agentEnv.BERTH_JOIN_TOKEN = await createLocalJoinToken(adminPassword);
    }
  }
  if (existsSync(credentialFile) || agentEnv.BERTH_JOIN_TOKEN) {
    say(`starting the local agent (data ${agentDataRoot}, socket ${agentExecRoot}/agent.sock)`);
    start('agent', agentArgs, agentEnv);
  }
  say(`ready: open ${publicUrl} — Ctrl-C stops everything`);
}

main().catch((err) => {
  console.error(`berth: ${err.message}`);
  shutdown(1);
});
