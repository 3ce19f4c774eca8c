import type { IncomingMessage } from 'node:http';
import type * as z from 'zod';
import { AgentError } from '../../errors.js';

/** Create bodies with long Env lists stay far below this. */
const MAX_JSON_BODY = 4 << 20;

/** Reads and parses a JSON body; an empty body is `{}` (Docker clients send none on many POSTs). */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new AgentError('INVALID_ARGUMENT', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      `invalid JSON: ${err instanceof Error ? err.message : 'parse error'}`,
    );
  }
}

/** Pure: validate a parsed body; the first issues become one 400 message. */
export function validateBody<B>(schema: z.ZodType<B>, value: unknown): B {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw new AgentError('INVALID_ARGUMENT', `invalid request body: ${issues.join('; ')}`);
}
