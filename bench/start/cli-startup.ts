import { CLI_BIN } from '../lib/agent.js';
import { DOCKER } from '../lib/dockerd.js';
import { runChecked } from '../lib/process.js';
import { summarize, type Summary } from '../lib/stats.js';
import { timed } from '../lib/timing.js';

export interface CliStartup {
  readonly berth: Summary & { samplesMs: number[] };
  readonly docker: Summary & { samplesMs: number[] };
}

/**
 * The floor under every CLI figure: `berth --version` (Node: load the CLI, print, exit; no agent
 * call) against `docker --version` (Go), alternating, `runs` times each.
 */
export async function measureCliStartup(runs: number): Promise<CliStartup> {
  const berth: number[] = [];
  const docker: number[] = [];
  for (let i = 0; i < runs; i++) {
    berth.push((await timed(() => runChecked(process.execPath, [CLI_BIN, '--version']))).ms);
    docker.push((await timed(() => runChecked(DOCKER, ['--version']))).ms);
  }
  return {
    berth: { ...summarize(berth), samplesMs: berth },
    docker: { ...summarize(docker), samplesMs: docker },
  };
}
