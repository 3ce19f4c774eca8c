// `npx tsx bench/pull.ts [--runs 5] [--warmup 1] [--berth-mode auto|cli|rest|in-process]`
// Cold pulls of a ≈100 MB, 7-layer image from a loopback registry: Berth vs Docker.
import { z } from 'zod';
import { ensureAgentBuilt } from './lib/agent.js';
import { COMMON_USAGE, parseBenchArgs } from './lib/args.js';
import { runMain } from './lib/cleanup.js';
import { dockerInfo, ensureDockerInstalled, startDockerd } from './lib/dockerd.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { startRegistry } from './lib/registry.js';
import { comparisonTable, mib, ms, writeResults } from './lib/report.js';
import { ratio, summarize } from './lib/stats.js';
import { timed } from './lib/timing.js';
import {
  BERTH_MODE_LABEL,
  berthModes,
  berthPuller,
  detectBerthMode,
  type BerthMode,
} from './pull/berth.js';
import { dockerPuller } from './pull/docker.js';
import { buildBenchImage, pushBenchImage } from './pull/image.js';

const TARGET_RATIO = 0.8;

const USAGE = `usage: npx tsx bench/pull.ts [flags]
${COMMON_USAGE}
  --berth-mode M  auto (default) | cli | rest | in-process
`;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: { 'berth-mode': { type: 'string' } },
    schema: z.object({ 'berth-mode': z.enum(['auto', ...berthModes]).default('auto') }),
  });
  if (args.help) return void process.stdout.write(USAGE);
  const { runs, warmup } = args.common;
  const machine = machineFacts();
  const started = new Date();
  log(`pull benchmark — ${started.toISOString()}\nmachine: ${describeMachine(machine)}`);

  await ensureDockerInstalled(log);
  const requested = args.extra['berth-mode'];
  if (requested !== 'in-process') await ensureAgentBuilt();
  const mode: BerthMode = requested === 'auto' ? await detectBerthMode() : requested;
  log(`berth: ${BERTH_MODE_LABEL[mode]}`);

  const registry = await startRegistry();
  const ref = `${registry.host}/bench/big:1`;
  const built = await timed(() => buildBenchImage());
  const img = built.value;
  const digest = await pushBenchImage(ref, img);
  log(
    `image: ${ref} ${digest.slice(0, 19)}… ${img.layers} layers, ${img.files} files, ` +
      `${mib(img.compressedBytes)} gzip / ${mib(img.uncompressedBytes)} unpacked ` +
      `(built + pushed in ${ms(built.ms)})`,
  );

  const dockerd = await startDockerd();
  const info = await dockerInfo(dockerd);
  log(
    `docker: dockerd ${info.version}, ${info.storageDriver} (pid ${dockerd.pid}, ${dockerd.host})`,
  );

  const berth = berthPuller(mode);
  const docker = dockerPuller(dockerd);
  const samples = { berth: [] as number[], docker: [] as number[] };
  const contenders = {
    berth: async () => {
      await berth.prepare();
      const t = await timed(() => berth.pull(ref));
      await berth.reset();
      return t.ms;
    },
    docker: async () => {
      const t = await timed(() => docker.pull(ref));
      await docker.reset(ref);
      return t.ms;
    },
  };
  for (let round = -warmup; round < runs; round++) {
    // Alternate who goes first, so drift on a shared machine hits both alike.
    const order =
      (round & 1) === 0 ? (['berth', 'docker'] as const) : (['docker', 'berth'] as const);
    const times: string[] = [];
    for (const who of order) {
      const t = await contenders[who]();
      if (round >= 0) samples[who].push(t);
      times.push(`${who} ${ms(t)}`);
    }
    log(`${round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`}: ${times.join(', ')}`);
  }
  await dockerd.stop();
  await registry.stop();

  const berthSummary = summarize(samples.berth);
  const dockerSummary = summarize(samples.docker);
  const r = ratio(berthSummary, dockerSummary);
  log('');
  log(
    comparisonTable([
      { label: `berth (${mode})`, samples: samples.berth, summary: berthSummary },
      { label: 'docker', samples: samples.docker, summary: dockerSummary },
    ]),
  );
  log(
    `\nratio berth/docker (medians): ${r.toFixed(2)}× — target ≤ ${TARGET_RATIO}× ` +
      `(${r <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
  const path = await writeResults('pull', started, {
    benchmark: 'pull',
    date: started.toISOString(),
    machine,
    image: {
      ref,
      digest,
      layers: img.layers,
      files: img.files,
      compressedBytes: img.compressedBytes,
      uncompressedBytes: img.uncompressedBytes,
    },
    runs,
    warmup,
    berth: { mode, label: BERTH_MODE_LABEL[mode], samplesMs: samples.berth, ...berthSummary },
    docker: { ...info, samplesMs: samples.docker, ...dockerSummary },
    ratio: r,
    targetRatio: TARGET_RATIO,
  });
  log(`results: ${path}`);
}

void runMain(main);
