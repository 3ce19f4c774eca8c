import type { ContainerInspect } from '@berth/protocol';

/** What a hidden environment value reads as (`KEY=••••`), in the API and on the page. */
export const REDACTED_VALUE = '••••';

/** `KEY=VALUE` entries with every value hidden (names kept: they say what is configured). Pure. */
export function redactEnv(env: readonly string[]): string[] {
  return env.map((entry) => {
    const eq = entry.indexOf('=');
    return `${eq < 0 ? entry : entry.slice(0, eq)}=${REDACTED_VALUE}`;
  });
}

/** An inspect as a role that may not read environment values sees it. */
export function redactInspect(inspect: ContainerInspect): ContainerInspect {
  return { ...inspect, config: { ...inspect.config, env: redactEnv(inspect.config.env) } };
}

/** GET /api/hosts/:id/containers/:cid */
export interface ContainerInspectDto {
  inspect: ContainerInspect;
  /** True when `inspect.config.env` values were replaced by `••••` (viewers). */
  envRedacted: boolean;
}
