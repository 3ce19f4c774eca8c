import * as z from 'zod';
import { elevatedKinds, type ElevatedKind, type ElevatedOption } from './elevated.js';

/**
 * A host's local policy: which elevated options its agent accepts from the web. Set by the
 * host's owner with `berth-agent --allow-elevated … --allow-bind …`, never by the web; the agent
 * reports it in its facts so the web can show it and hide what the host refuses.
 */

/** Kinds an `--allow-elevated` entry may name: binds are allowed by path (`--allow-bind`). */
export const allowableKinds = elevatedKinds.filter(
  (k): k is Exclude<ElevatedKind, 'bind' | 'unclassified'> => k !== 'bind' && k !== 'unclassified',
);

/** `all`, a kind (`privileged`, `capabilities`) or one value of a kind (`capabilities:NET_ADMIN`). */
export const AllowElevatedEntrySchema = z
  .string()
  .max(4096)
  .refine(
    (e) => e === 'all' || (allowableKinds as readonly string[]).includes(e.split(':')[0] ?? ''),
    {
      message: `expected all, ${allowableKinds.join(', ')} or KIND:VALUE (binds: --allow-bind PATH)`,
    },
  );

export const HostPolicySchema = z.object({
  /** `--allow-elevated` entries as given. */
  allowElevated: z.array(AllowElevatedEntrySchema).max(256),
  /** `--allow-bind` paths, resolved on the host (symlinks and `..` followed). */
  allowBind: z.array(z.string().startsWith('/').max(4096)).max(256),
  /** False: `--no-remote-upgrade`, the web may not upgrade this agent (absent: older agents). */
  remoteUpgrade: z.boolean().optional(),
});
export type HostPolicy = z.infer<typeof HostPolicySchema>;

/** The default: nothing elevated is accepted from the web. */
export const EMPTY_HOST_POLICY: HostPolicy = { allowElevated: [], allowBind: [] };

/**
 * Pure: whether an `--allow-elevated` list covers an option. Binds never match here: whether a
 * bind is allowed depends on its real path on the host, which only the agent can resolve.
 */
export function allowElevatedCovers(allow: readonly string[], o: ElevatedOption): boolean {
  if (o.kind === 'bind' || o.kind === 'unclassified') return false;
  return allow.some((e) => e === 'all' || e === o.kind || e === o.token);
}

/** Pure: `child` is `parent` or below it (both absolute and normalized). */
export function isPathWithin(child: string, parent: string): boolean {
  if (parent === '/') return true;
  return child === parent || child.startsWith(`${parent}/`);
}

/**
 * Pure, for forms: whether a policy might accept an option. Binds are checked lexically against
 * `allowBind`; the agent still decides on the resolved path.
 */
export function policyMayAllow(policy: HostPolicy, o: ElevatedOption): boolean {
  if (o.kind === 'bind')
    return o.value !== undefined && policy.allowBind.some((p) => isPathWithin(o.value!, p));
  return allowElevatedCovers(policy.allowElevated, o);
}
