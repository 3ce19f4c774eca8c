import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DbError } from './errors.js';

export type DbProvider = 'sqlite' | 'postgresql';

export type DatabaseTarget =
  | { provider: 'sqlite'; /** `file:<absolute path>` */ url: string; filePath: string }
  | { provider: 'postgresql'; url: string };

const urlSchema = z
  .string()
  .trim()
  .min(1, 'database URL is empty')
  .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), {
    message: 'database URL must start with file:, postgresql:// or postgres://',
  });

/**
 * Decides the provider from a database URL (pure). `file:` paths are made absolute against
 * `cwd`, so that every component (Prisma, the schema engine, the CLI) opens the same file.
 */
export function parseDatabaseUrl(input: unknown, cwd: string = process.cwd()): DatabaseTarget {
  const parsed = urlSchema.safeParse(input);
  if (!parsed.success) {
    throw new DbError(
      'INVALID_ARGUMENT',
      `invalid database URL: ${parsed.error.issues[0]?.message ?? 'bad value'}`,
    );
  }
  const url = parsed.data;
  if (url.startsWith('file:')) return sqliteTarget(url, cwd);
  let pg: URL;
  try {
    pg = new URL(url);
  } catch {
    throw new DbError('INVALID_ARGUMENT', 'invalid database URL: not a parsable postgresql:// URL');
  }
  if (!pg.hostname && !pg.searchParams.get('host')) {
    throw new DbError('INVALID_ARGUMENT', 'invalid database URL: postgresql URL has no host');
  }
  return { provider: 'postgresql', url };
}

function sqliteTarget(url: string, cwd: string): DatabaseTarget {
  let path = url.slice('file:'.length);
  if (path.startsWith('//')) path = path.slice(2); // file:///abs -> /abs
  const query = path.indexOf('?');
  if (query >= 0) {
    throw new DbError(
      'INVALID_ARGUMENT',
      'invalid database URL: file: URLs take no query parameters',
    );
  }
  if (path === '' || path.endsWith('/')) {
    throw new DbError('INVALID_ARGUMENT', 'invalid database URL: file: URL names no file');
  }
  if (path === ':memory:') {
    throw new DbError(
      'INVALID_ARGUMENT',
      'invalid database URL: in-memory SQLite is not supported',
    );
  }
  const filePath = isAbsolute(path) ? path : resolve(cwd, path);
  return { provider: 'sqlite', url: `file:${filePath}`, filePath };
}

/** Hides the password of a PostgreSQL URL, for logs and error messages. */
export function redactUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://<unparsable>';
  }
}
