import { z } from 'zod';
import { CLI_BIN, type BerthAgent } from '../lib/agent.js';
import { BenchError } from '../lib/errors.js';
import { runChecked } from '../lib/process.js';
import { ok, runFlags, type ContainerDriver, type RunSpec } from './driver.js';

const Created = z.object({ id: z.string().min(1) });
const Listed = z.object({ containers: z.array(z.object({ id: z.string() })) });

const cli = (agent: BerthAgent, args: readonly string[]) =>
  runChecked(process.execPath, [CLI_BIN, '--host', agent.host, ...args]);

/** `berth run -d …`, `berth stop -t 0`, `berth rm`: a Node CLI process per command. */
export function berthCli(agent: BerthAgent): ContainerDriver {
  return {
    label: 'berth CLI',
    run: async (spec) => (await cli(agent, runFlags(spec))).trim(),
    async remove(id) {
      await cli(agent, ['stop', '-t', '0', id]);
      await cli(agent, ['rm', id]);
    },
  };
}

/** The agent's REST API over its unix socket: create + start, stop?t=0 + DELETE. */
export function berthRest(agent: BerthAgent): ContainerDriver {
  return {
    label: 'berth REST',
    async run(spec: RunSpec) {
      const body = {
        image: spec.image,
        cmd: [...spec.cmd],
        network: spec.network,
        ...(spec.memoryBytes ? { memory: spec.memoryBytes } : {}),
      };
      const created = ok('create', await agent.request('POST', '/v1/containers', body));
      const { id } = Created.parse(JSON.parse(created));
      ok('start', await agent.request('POST', `/v1/containers/${id}/start`));
      return id;
    },
    async remove(id) {
      ok('stop', await agent.request('POST', `/v1/containers/${id}/stop?t=0`));
      ok('rm', await agent.request('DELETE', `/v1/containers/${id}`));
    },
  };
}

/** Pulls `ref` into the agent through its REST API (NDJSON; the last line says how it ended). */
export async function berthPull(agent: BerthAgent, ref: string): Promise<void> {
  const body = ok('pull', await agent.request('POST', '/v1/images/pull', { ref }));
  const last = body.trim().split('\n').at(-1) ?? '';
  if (!last.includes('"done":true'))
    throw new BenchError(`berth pull ${ref}: ${last.slice(0, 500)}`);
}

/** Every container of the agent, force-removed (cleanup). Returns how many. */
export async function berthRemoveAll(agent: BerthAgent): Promise<number> {
  const list = Listed.parse(
    JSON.parse(ok('list', await agent.request('GET', '/v1/containers?all=true'))),
  );
  for (const c of list.containers)
    ok('rm -f', await agent.request('DELETE', `/v1/containers/${c.id}?force=true`));
  return list.containers.length;
}
