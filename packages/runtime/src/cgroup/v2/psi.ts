import { join } from 'node:path';
import { parsePsi } from '../parse.js';
import type { PsiStats, ReadText } from '../stats.js';

/** v2 pressure stall information. */
export async function statPsi(dir: string, read: ReadText): Promise<PsiStats> {
  const [cpu, memory, io] = await Promise.all(
    ['cpu.pressure', 'memory.pressure', 'io.pressure'].map(async (f) =>
      parsePsi(await read(join(dir, f))),
    ),
  );
  return { cpu: cpu ?? null, memory: memory ?? null, io: io ?? null };
}
