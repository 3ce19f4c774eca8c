import type http from 'node:http';
import {
  AGENT_ENROLL_PATH,
  EnrollResponseSchema,
  parseJoinToken,
  WireErrorSchema,
} from '@berth/protocol';
import type { AgentCredentialFile, ErrorCode, HostFacts } from '@berth/protocol';
import { AgentError } from '../errors.js';
import type { Logger } from '@berth/log';
import { backoffDelay, sleep } from '@berth/runtime';
import { LINK_BACKOFF } from './backoff.js';
import { postJson } from './http-json.js';
import { PinnedAgent } from './tls-pin.js';
import type { ServerAddress } from './transport.js';
import { isoTime } from '@berth/log';

/** The agent to use for https to the web: pinned when a fingerprint is known, else default CAs. */
export function httpsAgentFor(
  server: ServerAddress,
  fingerprint: string | null,
): http.Agent | undefined {
  return server.secure && fingerprint ? new PinnedAgent(fingerprint) : undefined;
}

/** HTTP status of a refused enrollment → our code and a human explanation. */
function refusal(status: number): { code: ErrorCode; text: string } {
  if (status === 400)
    return { code: 'INVALID_ARGUMENT', text: 'the web rejected the enrollment request' };
  if (status === 401) return { code: 'UNAUTHENTICATED', text: 'the join token was not accepted' };
  if (status === 403) return { code: 'PERMISSION_DENIED', text: 'enrollment is not allowed' };
  if (status === 404)
    return { code: 'NOT_FOUND', text: `no enrollment endpoint (is --server the Berth web?)` };
  if (status === 409) return { code: 'ALREADY_EXISTS', text: 'the join token was already used' };
  if (status === 410)
    return { code: 'FAILED_PRECONDITION', text: 'the join token has expired or was already used' };
  return { code: 'FAILED_PRECONDITION', text: `unexpected HTTP ${status}` };
}

/** One enrollment attempt. Refusals throw final errors; only UNAVAILABLE is worth retrying. */
export async function enrollOnce(
  server: ServerAddress,
  joinToken: string,
  facts: HostFacts,
  now: () => Date = () => new Date(),
): Promise<AgentCredentialFile> {
  const { fingerprint } = parseJoinToken(joinToken);
  const url = server.origin + AGENT_ENROLL_PATH;
  const res = await postJson(
    url,
    { joinToken, facts },
    { agent: httpsAgentFor(server, fingerprint) },
  );
  if (res.status >= 500 || res.status === 429) {
    throw new AgentError(
      'UNAVAILABLE',
      `enrollment at ${url} failed with HTTP ${res.status}; will retry`,
    );
  }
  if (res.status < 200 || res.status >= 300) {
    const { code, text } = refusal(res.status);
    const wire = WireErrorSchema.safeParse(res.body);
    const detail = wire.success ? ` (${wire.data.code}: ${wire.data.message.slice(0, 500)})` : '';
    throw new AgentError(
      code,
      `enrollment refused by ${server.origin}: ${text}, HTTP ${res.status}${detail}`,
    );
  }
  const body = EnrollResponseSchema.safeParse(res.body);
  if (!body.success) throw new AgentError('INTERNAL', `malformed enrollment response from ${url}`);
  return {
    server: server.origin,
    hostId: body.data.hostId,
    credential: body.data.credential,
    fingerprint,
    enrolledAt: isoTime(now().getTime()),
  };
}

/** Enroll, retrying unreachable/overloaded webs with backoff until `signal` aborts. */
export async function enroll(opts: {
  server: ServerAddress;
  joinToken: string;
  facts: HostFacts;
  log: Logger;
  signal: AbortSignal;
}): Promise<AgentCredentialFile> {
  const { fingerprint } = parseJoinToken(opts.joinToken);
  if (opts.server.secure && !fingerprint) {
    opts.log.warn('join token pins no certificate; verifying the web against the system CAs');
  }
  if (!opts.server.secure && fingerprint) {
    opts.log.warn(
      'join token pins a certificate but --server is plaintext http; the pin cannot apply',
    );
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await enrollOnce(opts.server, opts.joinToken, opts.facts);
    } catch (err) {
      if (!(err instanceof AgentError) || err.code !== 'UNAVAILABLE') throw err;
      const delay = backoffDelay(attempt, LINK_BACKOFF);
      opts.log.warn(`enrollment: ${err.message}; retrying in ${Math.round(delay / 1000)}s`);
      if (!(await sleep(delay, opts.signal)))
        throw new AgentError('UNAVAILABLE', 'enrollment aborted');
    }
  }
}
