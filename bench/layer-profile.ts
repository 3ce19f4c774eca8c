// `npx tsx bench/layer-profile.ts [--layer-mb 200] [--runs 3]`
// Where the time of one large layer's pull goes, stage by stage, on one gzip blob read from the
// page cache: reading, gunzip, sha256 of the tar (the diff ID), tar parsing, Berth's full
// applyLayer (files written), the writeback of those files (sync -f), and the content store's
// share (blob copy with sha256 + fsync). Each stage includes the ones before it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { applyLayer } from '@berth/runtime';
import tar from 'tar-stream';
import { z } from 'zod';
import { COMMON_USAGE, parseBenchArgs } from './lib/args.js';
import { runMain } from './lib/cleanup.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { formatTable, mib, writeResults } from './lib/report.js';
import { median } from './lib/stats.js';
import { makeTempDir } from './lib/temp.js';
import { timed } from './lib/timing.js';
import { buildLargeLayerImage } from './docker-api/large-layer.js';

const exec = promisify(execFile);
const sink = () =>
  new Writable({
    write: (_c, _e, cb) => cb(),
  });

const USAGE = `usage: npx tsx bench/layer-profile.ts [flags]
${COMMON_USAGE}
  --layer-mb N    uncompressed size of the layer (default 200)
`;

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: { 'layer-mb': { type: 'string' } },
    schema: z.object({ 'layer-mb': z.coerce.number().int().min(1).max(4096).default(200) }),
    defaults: { runs: 3 },
  });
  if (args.help) return void process.stdout.write(USAGE);
  const log = (l: string) => process.stdout.write(`${l}\n`);
  const started = new Date();
  const machine = machineFacts();
  log(`layer profile — ${started.toISOString()}\nmachine: ${describeMachine(machine)}`);
  const dir = await makeTempDir('layer-profile');
  const img = await buildLargeLayerImage(args.extra['layer-mb']);
  const layer = img.image.layers[0]!;
  const blob = join(dir.path, 'blob');
  await writeFile(blob, layer.blob);
  log(
    `layer: ${mib(img.compressedBytes)} gzip, ${mib(img.uncompressedBytes)} tar, ${img.files} files`,
  );

  const read = () => createReadStream(blob, { highWaterMark: 1 << 20 });
  let n = 0;
  const stages: Array<[string, () => Promise<unknown>]> = [
    ['read blob', () => pipeline(read(), sink())],
    ['+ gunzip', () => pipeline(read(), createGunzip({ chunkSize: 128 << 10 }), sink())],
    [
      '+ sha256 of the tar',
      async () => {
        const h = createHash('sha256');
        await pipeline(read(), createGunzip({ chunkSize: 128 << 10 }), async function* (src) {
          for await (const c of src) h.update(c as Buffer);
          yield* [];
        });
        return h.digest('hex');
      },
    ],
    [
      '+ tar parse (tar-stream)',
      async () => {
        const h = createHash('sha256');
        const x = tar.extract();
        const consume = (async () => {
          for await (const e of x) e.resume();
        })();
        await Promise.all([
          pipeline(
            read(),
            createGunzip({ chunkSize: 128 << 10 }),
            async function* (src) {
              for await (const c of src) {
                h.update(c as Buffer);
                yield c;
              }
            },
            x,
          ),
          consume,
        ]);
      },
    ],
    [
      '+ files written (applyLayer)',
      async () => {
        const root = join(dir.path, `apply-${n++}`);
        await mkdir(root);
        await applyLayer({ blobPath: blob, root });
      },
    ],
    [
      '+ writeback (sync -f)',
      async () => {
        const root = join(dir.path, `apply-${n++}`);
        await mkdir(root);
        await applyLayer({ blobPath: blob, root });
        await exec('sync', ['-f', root]);
      },
    ],
    [
      'content store: blob copy + sha256 + fsync',
      async () => {
        const h = createHash('sha256');
        const out = join(dir.path, `blob-${n++}`);
        await pipeline(
          read(),
          async function* (src) {
            for await (const c of src) {
              h.update(c as Buffer);
              yield c;
            }
          },
          createWriteStream(out),
        );
        const fh = await open(out, 'r');
        await fh.sync();
        await fh.close();
      },
    ],
  ];
  const rows: string[][] = [['stage (cumulative)', 'median', 'MiB/s of tar', 'runs']];
  const results: Record<string, number[]> = {};
  for (const [name, fn] of stages) {
    const samples: number[] = [];
    for (let i = -args.common.warmup; i < args.common.runs; i++) {
      await exec('sync');
      const t = await timed(fn);
      if (i >= 0) samples.push(t.ms);
      for (const e of ['apply-', 'blob-'])
        for (let k = 0; k < n; k++)
          await rm(join(dir.path, `${e}${k}`), { recursive: true, force: true });
    }
    results[name] = samples;
    const m = median(samples);
    rows.push([
      name,
      `${m.toFixed(0)} ms`,
      (img.uncompressedBytes / (1 << 20) / (m / 1000)).toFixed(0),
      samples.map((s) => s.toFixed(0)).join(' '),
    ]);
    log(`${name}: ${m.toFixed(0)} ms`);
  }
  log(`\n${formatTable(rows)}`);
  const path = await writeResults('layer-profile', started, {
    benchmark: 'layer-profile',
    date: started.toISOString(),
    machine,
    layer: { gzipBytes: img.compressedBytes, tarBytes: img.uncompressedBytes, files: img.files },
    stagesMs: results,
  });
  log(`results: ${path}`);
  await dir.remove();
}

void runMain(main);
