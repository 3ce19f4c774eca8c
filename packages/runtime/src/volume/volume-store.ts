import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { VOLUME_NAME } from './mount-spec.js';
import { compareText } from '../text-order.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from '../errors.js';
import { isoTime } from '@berth/log';

const volumeSchema = z.object({
  name: z.string(),
  mountpoint: z.string(),
  createdAt: z.string(),
  labels: z.record(z.string(), z.string()),
});
export type Volume = z.infer<typeof volumeSchema>;

/** Named volumes under `<data-root>/volumes/<name>/_data`, metadata in `volume.json`. */
export class VolumeStore {
  private readonly dir: string;
  /** `isInUse(name)` lets the container layer veto removal. */
  constructor(
    dataRoot: string,
    private readonly isInUse: (name: string) => boolean | Promise<boolean> = () => false,
  ) {
    this.dir = join(dataRoot, 'volumes');
  }

  private paths(name: string) {
    const base = join(this.dir, name);
    return { base, data: join(base, '_data'), meta: join(base, 'volume.json') };
  }

  async create(name: string, labels: Record<string, string> = {}): Promise<Volume> {
    if (!VOLUME_NAME.test(name)) throw invalidArgument(`invalid volume name "${name}"`);
    const p = this.paths(name);
    if (await this.find(name)) throw alreadyExists(`volume ${name} already exists`);
    await mkdir(p.data, { recursive: true });
    const vol: Volume = { name, mountpoint: p.data, createdAt: isoTime(), labels };
    await writeFile(`${p.meta}.tmp`, JSON.stringify(vol));
    await rename(`${p.meta}.tmp`, p.meta);
    return vol;
  }

  /** Returns the volume, creating it when missing (`-v name:/path` semantics). */
  async ensure(name: string): Promise<Volume> {
    return (await this.find(name)) ?? this.create(name);
  }

  async find(name: string): Promise<Volume | null> {
    if (!VOLUME_NAME.test(name)) return null;
    try {
      const parsed = volumeSchema.safeParse(
        JSON.parse(await readFile(this.paths(name).meta, 'utf8')),
      );
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async inspect(name: string): Promise<Volume> {
    const v = await this.find(name);
    if (!v) throw notFound(`no such volume: ${name}`);
    return v;
  }

  async list(): Promise<Volume[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const vols = await Promise.all(names.map((n) => this.find(n)));
    return vols.filter((v): v is Volume => v !== null).sort((a, b) => compareText(a.name, b.name));
  }

  async remove(name: string, opts: { force?: boolean } = {}): Promise<void> {
    await this.inspect(name);
    if (await this.isInUse(name)) throw failedPrecondition(`volume ${name} is in use`);
    await rm(this.paths(name).base, { recursive: true, force: opts.force ?? true });
  }
}
