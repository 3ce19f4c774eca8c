/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: a worker runs this very file */
// A probe of node-unix-socket (0.2.7) in worker threads, outside Berth: why the terminal's
// attach readers are a pool of workers that load js/seqpacket.js (see
// packages/runtime/src/exec/attach-reader-worker.ts and packages/runtime/README.md).
//
//   node bench/terminal/socket-workers.cjs            every scenario, both ways of loading it
//   node bench/terminal/socket-workers.cjs SCENARIO index|seqpacket
//
// A SOCK_SEQPACKET echo server runs on the main thread; workers connect to it. "index" loads the
// package's index.js in the workers (which registers the addon's env cleanup hook there),
// "seqpacket" loads js/seqpacket.js only (no hook). Each run prints its exit code: 134 is an abort.
'use strict';
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const pkg = path.dirname(require.resolve('node-unix-socket/package.json'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!isMainThread) {
  const mod = workerData.mod === 'seqpacket' ? 'js/seqpacket.js' : 'js/index.js';
  const { SeqpacketSocket } = require(path.join(pkg, mod));
  const socks = new Map();
  parentPort.on('message', (m) => {
    if (m.t === 'open') {
      const s = new SeqpacketSocket();
      s.connect(workerData.sock, () => {
        socks.set(m.id, s);
        parentPort.postMessage({ t: 'up', id: m.id });
      });
    } else if (m.t === 'close') {
      socks.get(m.id).destroy();
      socks.delete(m.id);
      setImmediate(() => setImmediate(() => parentPort.postMessage({ t: 'closed', id: m.id })));
    } else if (m.t === 'exit') parentPort.close();
  });
  return;
}

const SCENARIOS = {
  // per-session workers, the older session's worker ends first
  'older-first': async (t) => {
    const a = t.worker();
    await t.open(a, 1);
    const b = t.worker();
    await t.open(b, 2);
    await t.close(a, 1);
    await t.exit(a);
    await t.close(b, 2);
    await t.exit(b);
  },
  // a main-thread socket open while the first worker ends: does it still echo?
  'main-after-worker': async (t) => {
    const m = await t.mainSocket();
    await t.echo(m, 'before');
    const a = t.worker();
    await t.open(a, 1);
    await t.close(a, 1);
    await t.exit(a);
    await t.echo(m, 'after');
    m.destroy();
  },
  // many workers come and go in random order (sockets destroyed first), a main socket throughout
  stress: async (t) => {
    const m = await t.mainSocket();
    const live = [];
    let id = 10;
    for (let i = 0; i < 200; i++) {
      if (live.length < 4 && (live.length === 0 || Math.random() < 0.55)) {
        const w = t.worker();
        await t.open(w, id);
        live.push([w, id++]);
      } else {
        const [w, k] = live.splice(Math.floor(Math.random() * live.length), 1)[0];
        await t.close(w, k);
        await t.exit(w);
      }
      if (i % 20 === 0) await t.echo(m, `s${i}`);
    }
    for (const [w, k] of live) {
      await t.close(w, k);
      await t.exit(w);
    }
    await t.echo(m, 'end');
    m.destroy();
  },
  // two workers that never end, sessions opened and closed in any order
  pool: async (t) => {
    const a = t.worker();
    const b = t.worker();
    await t.open(a, 1);
    await t.open(b, 2);
    await t.close(a, 1);
    await t.close(b, 2);
    await t.open(a, 3);
    await t.open(b, 4);
    await t.close(a, 3);
    await t.open(a, 5);
    await t.close(b, 4);
    await t.close(a, 5);
    const m = await t.mainSocket();
    await t.echo(m, 'pool');
    m.destroy();
  },
  // a worker terminated with its socket open
  'terminate-open': async (t) => {
    const a = t.worker();
    await t.open(a, 1);
    await a.terminate();
  },
  // process.exit() with two workers' sockets and a main socket open
  'exit-open': async (t) => {
    const a = t.worker();
    await t.open(a, 1);
    const b = t.worker();
    await t.open(b, 2);
    await t.mainSocket();
    process.exit(0);
  },
  // process.exit() with idle workers (their sockets destroyed) and a main socket open
  'exit-closed': async (t) => {
    const a = t.worker();
    await t.open(a, 1);
    await t.close(a, 1);
    await t.mainSocket();
    process.exit(0);
  },
};

async function run(scenario, mod) {
  const { SeqpacketServer, SeqpacketSocket } = require(path.join(pkg, 'js/index.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-workers-'));
  const sock = path.join(dir, 's');
  const server = new SeqpacketServer();
  const peers = [];
  server.on('connection', (c) => {
    peers.push(c);
    c.on('data', (b) => c.write(Buffer.concat([Buffer.from('echo:'), b])));
  });
  server.listen(sock);
  const t = {
    worker() {
      const w = new Worker(__filename, { workerData: { sock, mod } });
      const waiting = [];
      w.on('message', (m) => {
        const i = waiting.findIndex((x) => x.t === m.t && x.id === m.id);
        if (i >= 0) waiting.splice(i, 1)[0].resolve();
      });
      w.until = (t, id) => new Promise((resolve) => waiting.push({ t, id, resolve }));
      w.exited = new Promise((r) => w.once('exit', r));
      return w;
    },
    open: (w, id) => (w.postMessage({ t: 'open', id }), w.until('up', id)),
    close: (w, id) => (w.postMessage({ t: 'close', id }), w.until('closed', id)),
    exit: (w) => (w.postMessage({ t: 'exit' }), w.exited),
    mainSocket: () =>
      new Promise((r) => {
        const s = new SeqpacketSocket();
        s.connect(sock, () => r(s));
      }),
    echo: (s, text) =>
      Promise.race([
        new Promise((r) => {
          s.once('data', r);
          s.write(Buffer.from(text));
        }),
        sleep(1000).then(() => {
          throw new Error(`the main thread's socket does not echo (${text})`);
        }),
      ]),
  };
  try {
    await SCENARIOS[scenario](t);
  } catch (e) {
    console.log(`${scenario} ${mod}: ${e.message}`);
    process.exit(3);
  }
  for (const p of peers) p.destroy();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0); // the pool's workers are still there
}

const [scenario, mod] = process.argv.slice(2);
if (scenario) run(scenario, mod ?? 'index');
else
  for (const s of Object.keys(SCENARIOS))
    for (const m of ['index', 'seqpacket']) {
      const r = spawnSync(process.execPath, [__filename, s, m], {
        encoding: 'utf8',
        timeout: 30000,
      });
      const why = `${r.stdout}${r.stderr}`.match(
        /Assertion[^\n]*|has open handles|does not echo[^\n]*/,
      );
      console.log(
        `${s.padEnd(18)} ${m.padEnd(10)} exit ${r.status ?? r.signal}${why ? `  ${why[0]}` : ''}`,
      );
    }
