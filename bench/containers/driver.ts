import { BenchError } from '../lib/errors.js';
import type { UnixResponse } from '../lib/unix-http.js';

export const networkModes = ['bridge', 'none'] as const;
export type NetworkMode = (typeof networkModes)[number];

/** One container to run detached. */
export interface RunSpec {
  readonly image: string;
  readonly cmd: readonly string[];
  readonly network: NetworkMode;
  /** Memory limit in bytes. */
  readonly memoryBytes?: number;
}

/**
 * One way of driving an engine (a CLI or its REST API): `run` creates and starts a container
 * detached and returns its ID; `remove` stops it without grace (`-t 0`) and removes it.
 */
export interface ContainerDriver {
  readonly label: string;
  run(spec: RunSpec): Promise<string>;
  remove(id: string): Promise<void>;
}

/** A non-2xx answer is a BenchError with the body; returns the body. */
export function ok(what: string, res: UnixResponse): string {
  if (res.status < 200 || res.status >= 300)
    throw new BenchError(`${what}: HTTP ${res.status} ${res.body.trim().slice(0, 500)}`);
  return res.body;
}

/** `run` flags both CLIs share (docker's spelling; sizes as plain bytes). */
export function runFlags(spec: RunSpec): string[] {
  return [
    'run',
    '-d',
    '--network',
    spec.network,
    ...(spec.memoryBytes ? ['--memory', String(spec.memoryBytes)] : []),
    spec.image,
    ...spec.cmd,
  ];
}
