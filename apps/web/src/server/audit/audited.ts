import type { AuditRepo } from './audit-repo.js';
import type { Principal, RequestMeta } from '../auth/principal.js';

/** Who does what to what: one audit row's fields besides its outcome. */
export interface AuditedCall {
  principal: Principal;
  meta: RequestMeta;
  action: string;
  target: string;
  detail: Record<string, unknown> | null;
}

/** How a failure is recorded: its outcome and what joins the call's detail. */
export type FailureRecord = (err: unknown) => {
  outcome: 'failure' | 'denied';
  detail: Record<string, unknown>;
};

export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : String(err);

/** A failure with the error's text under `key` (`error` for most services, `message` for some). */
export const errorUnder =
  (key: string): FailureRecord =>
  (err) => ({ outcome: 'failure', detail: { [key]: errorText(err) } });

/**
 * Runs `run` and records one audit row for it: `success` with the call's detail, or what
 * `onFailure` says (by default `failure` with `{error}`) — then rethrows.
 */
export async function auditedRun<T>(
  audit: AuditRepo,
  call: AuditedCall,
  run: () => Promise<T>,
  onFailure: FailureRecord = errorUnder('error'),
): Promise<T> {
  const base = {
    actorId: call.principal.userId,
    actorName: call.principal.username,
    action: call.action,
    target: call.target,
    ip: call.meta.ip,
  };
  try {
    const out = await run();
    await audit.record({ ...base, outcome: 'success', detail: call.detail });
    return out;
  } catch (err) {
    const failed = onFailure(err);
    await audit.record({
      ...base,
      outcome: failed.outcome,
      detail: { ...call.detail, ...failed.detail },
    });
    throw err;
  }
}

/** Who acts: the signed-in principal and where the request came from. */
export interface Actor {
  principal: Principal;
  meta: RequestMeta;
}

/**
 * `auditedRun` bound to one service's audit repo for actions on a host's things (images,
 * networks, volumes): target `host:<id>`, a failure's text under `message`.
 */
export const auditOnHost =
  (audit: AuditRepo) =>
  <T>(
    actor: Actor,
    action: string,
    hostId: string,
    detail: Record<string, unknown>,
    run: () => Promise<T>,
  ): Promise<T> =>
    auditedRun(
      audit,
      { ...actor, action, target: `host:${hostId}`, detail },
      run,
      errorUnder('message'),
    );
