import { hash, verify } from '@node-rs/argon2';
import { ProtocolError } from '@berth/protocol';
import { createSemaphore } from './semaphore.js';

/** argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1). */
const options = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * Every hash and verify goes through one gate: two at a time (19 MiB each), 32 waiting, the
 * rest refused with RESOURCE_EXHAUSTED — a login flood costs a bounded amount of memory and
 * CPU instead of starving the whole process.
 */
const gate = createSemaphore({
  max: 2,
  maxWaiting: 32,
  onFull: () =>
    new ProtocolError('RESOURCE_EXHAUSTED', 'too many password checks in progress; try again'),
});

export function hashPassword(password: string): Promise<string> {
  return gate.run(() => hash(password, options));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return gate.run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

/** A hash of a random password, verified against when the user does not exist (equal timing). */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`).catch((err: unknown) => {
    dummyHash = null;
    throw err;
  });
  return dummyHash;
}
