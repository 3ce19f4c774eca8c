/**
 * Works around @prisma/adapter-pg 7.10 refusing PostgreSQL's internal `"char"` type (OID 18),
 * which the schema engine's introspection queries return (pg_class.relkind, pg_constraint.contype…):
 * "Column type 'char' could not be deserialized from the database". Its values already arrive as
 * strings, so the result columns are relabelled as `text` (OID 25). Used only for `diff` when
 * making migrations; applying migrations does not introspect and needs no workaround.
 */
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

const PG_CHAR = 18;
const PG_TEXT = 25;

interface WithPerformIO {
  performIO(query: unknown): Promise<{ fields?: { dataTypeID: number }[] }>;
}

function relabel(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const io = adapter as unknown as WithPerformIO;
  if (typeof io.performIO !== 'function')
    throw new Error('adapter-pg changed: no performIO to patch');
  const original = io.performIO.bind(io);
  io.performIO = async (query) => {
    const result = await original(query);
    for (const field of result.fields ?? [])
      if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  return adapter;
}

export function withCharAsText(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => relabel(await factory.connect()),
    connectToShadowDb: async () => relabel(await factory.connectToShadowDb()),
  };
}
