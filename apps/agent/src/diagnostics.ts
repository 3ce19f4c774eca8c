import { createRequire } from 'node:module';
import type * as V8 from 'node:v8';
import type { Logger } from '@berth/log';

/** node:v8 (and the heap-utilities modules it loads) only once the signal comes. */
const v8 = () => createRequire(import.meta.url)('node:v8') as typeof V8;

const mb = (n: number) => (n / 1e6).toFixed(1);

/** Pure: a one-line memory breakdown (process.memoryUsage + V8 heap spaces), in MB. */
export function memoryLine(
  m: NodeJS.MemoryUsage,
  spaces: readonly { space_name: string; space_used_size: number; space_size: number }[],
): string {
  const s = spaces
    .filter((x) => x.space_size > 0)
    .map(
      (x) => `${x.space_name.replace(/_space$/, '')} ${mb(x.space_used_size)}/${mb(x.space_size)}`,
    )
    .join(', ');
  return (
    `memory: rss ${mb(m.rss)} MB, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, ` +
    `external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)}); spaces used/size: ${s}`
  );
}

/**
 * `kill -USR2 <agent pid>` logs where the agent's memory is; with BERTH_HEAP_SNAPSHOT=<dir> it
 * also writes a V8 heap snapshot there (open it in Chrome DevTools → Memory).
 */
export function handleMemorySignal(log: Logger, env: NodeJS.ProcessEnv): () => void {
  const onSignal = () => {
    const { getHeapSpaceStatistics, writeHeapSnapshot } = v8();
    log.info(memoryLine(process.memoryUsage(), getHeapSpaceStatistics()));
    const dir = env.BERTH_HEAP_SNAPSHOT;
    if (dir)
      log.info(
        `heap snapshot: ${writeHeapSnapshot(`${dir}/berth-agent-${Date.now()}.heapsnapshot`)}`,
      );
  };
  process.on('SIGUSR2', onSignal);
  return () => process.off('SIGUSR2', onSignal);
}
