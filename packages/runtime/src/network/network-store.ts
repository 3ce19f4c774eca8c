import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeError } from '../errors.js';
import { compareText } from '../text-order.js';
import { networkRecordSchema, type NetworkRecord } from './network-record.js';

/**
 * Crash-safe JSON writes: tmp file + fsync + rename (a reader sees the old or the new file).
 * `sync: false` skips the fsync: still atomic for readers and across an agent crash (the page
 * cache outlives the process), not across a host crash.
 */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
  opts: { sync?: boolean } = {},
): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2));
  if (opts.sync !== false) {
    const fh = await open(tmp, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
  await rename(tmp, path);
}

/** Network records under `<data-root>/network/networks/<id>.json`, cached in memory. */
export class NetworkStore {
  readonly dir: string;
  private readonly cache = new Map<string, NetworkRecord>();

  constructor(dataRoot: string) {
    this.dir = join(dataRoot, 'network', 'networks');
  }

  /** Loads every readable record (a half-written `.tmp` of a crashed write is ignored). */
  async load(): Promise<NetworkRecord[]> {
    await mkdir(this.dir, { recursive: true });
    this.cache.clear();
    for (const f of await readdir(this.dir)) {
      if (!f.endsWith('.json')) continue;
      try {
        const parsed = networkRecordSchema.safeParse(
          JSON.parse(await readFile(join(this.dir, f), 'utf8')),
        );
        if (parsed.success) this.cache.set(parsed.data.id, parsed.data);
      } catch {
        /* unreadable: not a network */
      }
    }
    return this.all();
  }

  all(): NetworkRecord[] {
    return [...this.cache.values()].sort((a, b) => compareText(a.createdAt, b.createdAt));
  }

  async put(record: NetworkRecord): Promise<NetworkRecord> {
    if (!networkRecordSchema.safeParse(record).success)
      throw new RuntimeError(
        'INTERNAL',
        `refusing to write an invalid network record ${record.id}`,
      );
    await mkdir(this.dir, { recursive: true });
    await writeJsonAtomic(join(this.dir, `${record.id}.json`), record);
    this.cache.set(record.id, record);
    return record;
  }

  async delete(id: string): Promise<void> {
    await rm(join(this.dir, `${id}.json`), { force: true });
    this.cache.delete(id);
  }
}
