import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RuntimeError } from '../errors.js';
import type { Mount } from '../snapshot/mounts.js';

const exec = promisify(execFile);

/** The argv for mount(8) for one Mount (pure). */
export function mountArgs(m: Mount, target: string): string[] {
  if (m.type === 'bind')
    return ['--bind', ...(m.options.includes('ro') ? ['-o', 'ro'] : []), m.source, target];
  return ['-t', m.type, ...(m.options.length ? ['-o', m.options.join(',')] : []), m.source, target];
}

async function run(cmd: string, args: string[]): Promise<void> {
  try {
    await exec(cmd, args);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new RuntimeError(
      'INTERNAL',
      `${cmd} ${args.join(' ')}: ${stderr || (err as Error).message}`,
      { cause: err },
    );
  }
}

/** Mounts each Mount onto `target` in order (the only module in the runtime that mounts). */
export async function mountAll(mounts: readonly Mount[], target: string): Promise<void> {
  for (const m of mounts) await run('mount', mountArgs(m, target));
}

/** Unmounts `target`; `lazy` detaches a busy mount. A target that is not mounted is an error. */
export async function unmount(target: string, opts: { lazy?: boolean } = {}): Promise<void> {
  await run('umount', [...(opts.lazy ? ['-l'] : []), target]);
}
