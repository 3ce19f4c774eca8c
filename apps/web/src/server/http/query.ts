import { ProtocolError } from '@berth/protocol';
import type { z } from 'zod';

/** Parse a request's query string with a zod schema; INVALID_ARGUMENT with the first issues. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`)
      .join('; ');
    throw new ProtocolError('INVALID_ARGUMENT', detail);
  }
  return parsed.data;
}

/** Parse route params (already strings) with a zod schema; INVALID_ARGUMENT on a bad one. */
export function parseParams<S extends z.ZodType>(
  params: Record<string, string>,
  schema: S,
): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new ProtocolError(
      'INVALID_ARGUMENT',
      parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}
