/**
 * Loads Prisma's schema engine compiled to WebAssembly (no native binary, no download).
 * The package's main entry imports a `.wasm` file, which Node's ESM loader refuses, so the
 * wasm-bindgen glue (`schema_engine_bg`) is imported and the `.wasm` beside it instantiated by hand.
 * Both are located in node_modules at run time, never copied.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { DbError, describe } from './errors.js';

export type { SchemaEngine };

// Node has WebAssembly, but neither lib ES2023 nor @types/node 20 declares it: the slice used here.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loading: Promise<typeof bg> | undefined;

function loadWasm(): Promise<typeof bg> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    const start = instance.exports['__wbindgen_start'];
    if (typeof start === 'function') start();
    return bg;
  })().catch((err: unknown) => {
    loading = undefined;
    throw DbError.wrap(err, 'cannot load @prisma/schema-engine-wasm', 'FAILED_PRECONDITION');
  });
  return loading;
}

export interface EngineOptions {
  /** The Prisma schema the engine works with: `[fileName, text]`. */
  datamodel: [string, string];
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Receives the engine's JSON log lines. */
  onLog?: (line: string) => void;
}

/** A schema engine bound to one database, with the connections it opened. */
export interface EngineSession {
  engine: SchemaEngine;
  /** Turns an engine failure into a readable message, resolving "External error id#N". */
  explain(err: unknown): string;
  /** Frees the engine and closes every connection it opened (it does not close them itself). */
  close(): Promise<void>;
}

/** Wraps a factory so that every adapter it hands out can be disposed afterwards. */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open: SqlDriverAdapter[] = [];
  const keep = async (p: Promise<SqlDriverAdapter>) => {
    const adapter = await p;
    open.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => keep(factory.connect()),
    connectToShadowDb: () => keep(factory.connectToShadowDb()),
  };
  const disposeAll = async () => {
    for (const adapter of open.splice(0).reverse()) await adapter.dispose().catch(() => {});
  };
  return { tracked, disposeAll };
}

/** Drops the Rust span trace ("   0: sql_schema_connector::…") the engine appends to messages. */
export function withoutSpanTrace(message: string): string {
  return message
    .split(/\n\s*0: /)[0]!
    .replace(/\n\s+with [^\n]*$/, '')
    .trim();
}

export async function openSchemaEngine(options: EngineOptions): Promise<EngineSession> {
  const wasm = await loadWasm();
  const onLog = options.onLog ?? (() => {});
  const { tracked, disposeAll } = trackConnections(options.adapterFactory);
  const bound = bindMigrationAwareSqlAdapterFactory(tracked);
  const explain = (err: unknown): string =>
    withoutSpanTrace(describe(err)).replace(/External error id#(\d+)/g, (whole, id: string) => {
      const record = bound.errorRegistry.consumeError(Number(id));
      return record ? describe(record.error) : whole;
    });
  let engine: SchemaEngine;
  try {
    engine = await wasm.SchemaEngine.new(
      { datamodels: [options.datamodel] },
      (line: string) => onLog(line),
      bound,
    );
  } catch (err) {
    await disposeAll();
    throw new DbError('UNAVAILABLE', `cannot start the schema engine: ${explain(err)}`, {
      cause: err,
    });
  }
  return {
    engine,
    explain,
    async close() {
      engine.free();
      await disposeAll();
    },
  };
}
