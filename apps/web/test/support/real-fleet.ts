import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildBusyboxImage,
  pushTestImage,
  startRegistry,
  waitFor,
  type TestRegistry,
} from '@berth/testkit';
import { startWeb, type RunningWeb } from './server.js';
import { Client } from './http.js';
import { startRealAgent, type RealAgent } from './real-agent.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** The web with one real enrolled agent (runc, conmon, cgroups) and a busybox image pulled. */
export interface RealFleet {
  web: RunningWeb;
  admin: Client;
  agent: RealAgent;
  hostId: string;
  image: string;
  /** Creates and starts a container through the API; answers its engine id (removed at stop). */
  run(name: string, body?: Record<string, unknown>): Promise<string>;
  /** The agent's view of a container (pid, cgroupsPath…). */
  inspect(
    id: string,
  ): Promise<{ pid: number | null; state: string; cgroupsPath: string; restartCount: number }>;
  stop(): Promise<void>;
}

export async function startRealFleet(opts: {
  hostName: string;
  env?: Record<string, string>;
}): Promise<RealFleet> {
  const registry: TestRegistry = await startRegistry();
  const image = `${registry.host}/${opts.hostName}/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage({ applets: 'all' }));
  const web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD, ...opts.env });
  const admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  const host = await admin.request('POST', '/api/hosts', { name: opts.hostName });
  assert.equal(host.status, 201, JSON.stringify(host.body));
  const hostId = (host.body.host as { id: string }).id;
  const agent = await startRealAgent([
    '--server',
    web.baseUrl,
    '--join-token',
    host.body.joinToken as string,
    '--bridge',
    `bf${process.pid.toString(36).slice(-6)}`,
  ]);
  await waitFor(
    'the agent online',
    async () => {
      const res = await admin.request('GET', '/api/hosts');
      return (res.body.hosts as { id: string; status: string }[]).find(
        (h) => h.id === hostId && h.status === 'online',
      );
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  const pulled = await admin.request('POST', `/api/hosts/${hostId}/images/pull`, {
    ref: image,
    pullId: `${opts.hostName}-pull`,
  });
  assert.equal(pulled.status, 200, JSON.stringify(pulled.body));
  const created: string[] = [];
  return {
    web,
    admin,
    agent,
    hostId,
    image,
    async run(name, body = {}) {
      const res = await admin.request('POST', `/api/hosts/${hostId}/containers?start=true`, {
        image,
        name,
        network: 'none',
        cmd: ['sleep', '100000'],
        ...body,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const id = res.body.id as string;
      created.push(id);
      return id;
    },
    async inspect(id) {
      const res = await admin.request('GET', `/api/hosts/${hostId}/containers/${id}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.inspect as {
        pid: number | null;
        state: string;
        cgroupsPath: string;
        restartCount: number;
      };
    },
    async stop() {
      for (const id of created) {
        await admin
          .request('DELETE', `/api/hosts/${hostId}/containers/${id}?force=true`)
          .catch(() => undefined);
      }
      await agent.stop();
      await web.stop();
      await registry.stop();
    },
  };
}

/**
 * What the kernel says about a process's cgroup (v1 or v2), read straight from cgroupfs: the
 * oracle for the numbers Berth reports.
 */
export function cgroupOf(pid: number) {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  const v1 = (controller: string) => {
    const line = lines.find((l) => l.split(':')[1]!.split(',').includes(controller));
    return line ? `/sys/fs/cgroup/${line.split(':')[1]}${line.split(':')[2]}` : null;
  };
  const unified = lines.find((l) => l.startsWith('0::'))?.slice(3);
  const memDir = v1('memory');
  const cpuDir = v1('cpuacct');
  const read = (p: string) => readFileSync(p, 'utf8').trim();
  return {
    memoryLimit(): number {
      if (memDir) return Number(read(`${memDir}/memory.limit_in_bytes`));
      return Number(read(`/sys/fs/cgroup${unified}/memory.max`));
    },
    cpuSeconds(): number {
      if (cpuDir) return Number(read(`${cpuDir}/cpuacct.usage`)) / 1e9;
      const usec = /usage_usec (\d+)/.exec(read(`/sys/fs/cgroup${unified}/cpu.stat`))![1]!;
      return Number(usec) / 1e6;
    },
  };
}
