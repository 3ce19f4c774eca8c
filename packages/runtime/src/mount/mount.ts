import { RuntimeError } from '../errors.js';
import type { Mount } from '../snapshot/mounts.js';
import { sharedSpawner } from '../spawner/spawner.js';

/** The argv for mount(8) for one Mount (pure). */
export function mountArgs(m: Mount, target: string): string[] {
  if (m.type === 'bind')
    return ['--bind', ...(m.options.includes('ro') ? ['-o', 'ro'] : []), m.source, target];
  return ['-t', m.type, ...(m.options.length ? ['-o', m.options.join(',')] : []), m.source, target];
}

/** Runs mount(8) or umount(8) through the spawner (a fork of a small shell, not of the agent). */
async function run(cmd: string, args: string[]): Promise<void> {
  const { status, stderr } = await sharedSpawner()
    .run(cmd, args)
    .catch((err: unknown) => {
      throw RuntimeError.wrap(err, `${cmd} ${args.join(' ')}`, 'INTERNAL');
    });
  if (status !== 0)
    throw new RuntimeError(
      'INTERNAL',
      `${cmd} ${args.join(' ')}: ${stderr.trim() || `exit ${status}`}`,
    );
}

/** Mounts each Mount onto `target` in order (the only module in the runtime that mounts). */
export async function mountAll(mounts: readonly Mount[], target: string): Promise<void> {
  for (const m of mounts) await run('mount', mountArgs(m, target));
}

/** Unmounts `target`; `lazy` detaches a busy mount. A target that is not mounted is an error. */
export async function unmount(target: string, opts: { lazy?: boolean } = {}): Promise<void> {
  await run('umount', [...(opts.lazy ? ['-l'] : []), target]);
}
