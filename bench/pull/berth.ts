import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ImageEngine } from '@berth/runtime';
import { CLI_BIN, startAgent, type BerthAgent } from '../lib/agent.js';
import { onCleanup } from '../lib/cleanup.js';
import { BenchError } from '../lib/errors.js';
import { run, runChecked } from '../lib/process.js';

export const berthModes = ['cli', 'rest', 'in-process'] as const;
export type BerthMode = (typeof berthModes)[number];

export const BERTH_MODE_LABEL: Record<BerthMode, string> = {
  cli: 'berth pull (CLI → agent)',
  rest: 'POST /v1/images/pull (agent REST)',
  'in-process': 'ImageEngine.pull in-process (FALLBACK: no CLI/REST pull yet)',
};

/**
 * One cold pull per round: `prepare` (untimed) gives a fresh data root, `pull` is timed,
 * `reset` (untimed) throws the data root away — so every pull starts with empty caches.
 */
export interface BerthPuller {
  readonly mode: BerthMode;
  prepare(): Promise<void>;
  pull(ref: string): Promise<void>;
  reset(): Promise<void>;
}

/** Which way of pulling this checkout supports: CLI, else REST, else the library in-process. */
export async function detectBerthMode(): Promise<BerthMode> {
  // `berth pull --help` exits 0 even without a pull command (global help): read the list.
  const help = await run(process.execPath, [CLI_BIN, '--help']);
  if (help.code === 0 && /^\s+pull\b/m.test(help.stdout)) return 'cli';
  const agent = await startAgent();
  try {
    const probe = await agent.request('POST', '/v1/images/pull', {});
    return probe.status === 404 ? 'in-process' : 'rest';
  } finally {
    await agent.stop();
  }
}

/** The final NDJSON line of a streamed pull. */
const PullEndSchema = z.union([
  z.object({ done: z.literal(true) }).loose(),
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }).loose(),
]);

function checkPullStream(status: number, body: string): void {
  const last = body.trim().split('\n').at(-1) ?? '';
  let parsed: z.infer<typeof PullEndSchema> | null = null;
  try {
    const r = PullEndSchema.safeParse(JSON.parse(last));
    if (r.success) parsed = r.data;
  } catch {
    // not JSON: reported below
  }
  if (status >= 300 || !parsed || 'error' in parsed)
    throw new BenchError(`agent pull failed (HTTP ${status}): ${last.slice(0, 500)}`);
}

function agentPuller(mode: 'cli' | 'rest'): BerthPuller {
  let agent: BerthAgent | null = null;
  const current = () => {
    if (!agent) throw new BenchError('agent not started');
    return agent;
  };
  return {
    mode,
    async prepare() {
      agent = await startAgent();
    },
    async pull(ref) {
      const a = current();
      if (mode === 'cli') {
        await runChecked(process.execPath, [CLI_BIN, '--host', a.host, 'pull', ref]);
      } else {
        const res = await a.request('POST', '/v1/images/pull', { ref });
        checkPullStream(res.status, res.body);
      }
    },
    async reset() {
      await agent?.stop();
      agent = null;
    },
  };
}

function inProcessPuller(): BerthPuller {
  let dataRoot: string | null = null;
  let engine: ImageEngine | null = null;
  onCleanup('remove in-process data root', async () => {
    if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
  });
  return {
    mode: 'in-process',
    async prepare() {
      dataRoot = await mkdtemp(join(tmpdir(), 'berth-bench-engine-'));
      engine = await ImageEngine.open({ dataRoot });
    },
    async pull(ref) {
      if (!engine) throw new BenchError('engine not opened');
      await engine.pull(ref);
    },
    async reset() {
      engine = null;
      if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
      dataRoot = null;
    },
  };
}

export function berthPuller(mode: BerthMode): BerthPuller {
  return mode === 'in-process' ? inProcessPuller() : agentPuller(mode);
}
