import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError } from '@berth/protocol';
import { memoryRateLimiter } from '../auth/shared-rate-limit.js';
import { bearerThrottleOptions, createTokensService } from './tokens-service.js';
import type { TokensDeps } from './tokens-service.js';

test('failed bearer attempts are throttled per address; other addresses are not', async () => {
  let t = 1_000_000;
  const tokens = { findByHash: async () => null } as unknown as TokensDeps['tokens'];
  const service = createTokensService({
    tokens,
    hosts: {} as TokensDeps['hosts'],
    audit: {} as TokensDeps['audit'],
    throttle: memoryRateLimiter({ ...bearerThrottleOptions, now: () => t }),
  });
  const from = (ip: string) => ({ ip, userAgent: null });
  for (let i = 0; i <= bearerThrottleOptions.freeFailures; i++)
    assert.equal(await service.authenticate('berth_guess', from('198.51.100.7')), null);
  // the next try is refused before the token is even looked up
  const refused = await service.authenticate('berth_guess', from('198.51.100.7')).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(
    refused instanceof ProtocolError && refused.code === 'RESOURCE_EXHAUSTED',
    String(refused),
  );
  assert.match(refused.message, /too many failed API token attempts/);
  assert.equal(await service.authenticate('berth_guess', from('198.51.100.8')), null);
  t += bearerThrottleOptions.baseDelayMs + 1;
  assert.equal(await service.authenticate('berth_guess', from('198.51.100.7')), null);
});
