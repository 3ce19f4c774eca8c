import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as z from 'zod';
import type { PluginConfig } from './cni-config.js';
import { RuntimeError } from '../errors.js';

export const CNI_PATH = '/usr/lib/cni';

export const cniResultSchema = z
  .object({
    cniVersion: z.string(),
    interfaces: z
      .array(
        z.object({ name: z.string(), mac: z.string().optional(), sandbox: z.string().optional() }),
      )
      .optional(),
    ips: z
      .array(
        z.object({
          address: z.string(),
          gateway: z.string().optional(),
          interface: z.number().optional(),
        }),
      )
      .optional(),
    dns: z
      .object({
        nameservers: z.array(z.string()).optional(),
        search: z.array(z.string()).optional(),
      })
      .optional(),
  })
  .passthrough();
export type CniResult = z.infer<typeof cniResultSchema>;

export interface CniInvocation {
  command: 'ADD' | 'DEL' | 'CHECK';
  containerId: string;
  netns: string;
  ifname: string;
  config: PluginConfig;
  cniPath?: string;
  /** CNI_ARGS (`K=V;K=V`). */
  args?: string;
  /** Extra environment (dnsname keeps its state under `$XDG_RUNTIME_DIR`). */
  env?: Readonly<Record<string, string>>;
}

/** Runs one CNI plugin binary directly (no shell): config on stdin, result JSON on stdout. */
export function execPlugin(inv: CniInvocation): Promise<CniResult | null> {
  const dir = inv.cniPath ?? CNI_PATH;
  return new Promise((resolve, reject) => {
    const child = spawn(join(dir, inv.config.type), [], {
      env: {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
        CNI_COMMAND: inv.command,
        CNI_CONTAINERID: inv.containerId,
        CNI_NETNS: inv.netns,
        CNI_IFNAME: inv.ifname,
        CNI_PATH: dir,
        ...(inv.args ? { CNI_ARGS: inv.args } : {}),
        ...inv.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(RuntimeError.wrap(e, `cni ${inv.config.type}`, 'UNAVAILABLE')));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        let msg = Buffer.concat(err).toString('utf8').trim();
        try {
          const e = JSON.parse(stdout) as { msg?: string; details?: string };
          msg = [e.msg, e.details].filter(Boolean).join(': ') || msg;
        } catch {
          /* not JSON */
        }
        reject(
          new RuntimeError('INTERNAL', `cni ${inv.config.type} ${inv.command} failed: ${msg}`),
        );
        return;
      }
      if (inv.command !== 'ADD') return resolve(null);
      const parsed = cniResultSchema.safeParse(JSON.parse(stdout || '{}'));
      if (!parsed.success)
        reject(new RuntimeError('INTERNAL', `cni ${inv.config.type}: unexpected result`));
      else resolve(parsed.data);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(inv.config));
  });
}
