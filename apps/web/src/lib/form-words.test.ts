import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { issueInWords } from './form-words.js';

const first = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!;

test('validation issues in people’s words, not the validator’s', () => {
  assert.equal(issueInWords('Image', first(z.string().min(1), '')), 'Image is required.');
  assert.equal(
    issueInWords('Name', first(z.string().max(3), 'toolong')),
    'Name is too long (at most 3 characters).',
  );
  assert.equal(
    issueInWords('Name', first(z.string().regex(/^a/, 'names start with a letter'), 'b')),
    'Names start with a letter.',
  );
  assert.equal(issueInWords('Ports', first(z.array(z.string()), 'x')), 'Ports is not valid.');
});
