import * as z from 'zod';

/**
 * Agent upgrades from the web. The web names a bundle it serves by its path (never a URL: the
 * agent downloads from its enrolled web only, over the same pinned TLS) and its sha256; the
 * agent refuses anything else. These schemas are frozen: an agent too old for the rest of the
 * protocol must still understand `agent.upgrade`.
 */

/** A release version as bundles name it (`0.2.0`, `1.0.0-rc.1`). */
export const ReleaseVersionSchema = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/, 'not a release version');

/** `/downloads/berth-agent-<version>-linux-<arch>.tar.gz` on the agent's own web. */
export const BundlePathSchema = z
  .string()
  .max(200)
  .regex(
    /^\/downloads\/berth-agent-[0-9A-Za-z][0-9A-Za-z.+-]*-linux-[a-z0-9]+\.tar\.gz$/,
    'not a bundle path on the web (/downloads/berth-agent-<version>-linux-<arch>.tar.gz)',
  );

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256 (64 hex digits)');

export const UPGRADE_DEADLINE_SEC = { min: 10, max: 1800, default: 120 } as const;

/** RPC `agent.upgrade` (web → agent). */
export const AgentUpgradeRequestSchema = z
  .object({
    version: ReleaseVersionSchema,
    path: BundlePathSchema,
    sha256: Sha256HexSchema,
    /** How long the new version has to start and connect before it is rolled back. */
    deadlineSec: z
      .number()
      .int()
      .min(UPGRADE_DEADLINE_SEC.min)
      .max(UPGRADE_DEADLINE_SEC.max)
      .optional(),
  })
  .strict();
export type AgentUpgradeRequest = z.infer<typeof AgentUpgradeRequestSchema>;

/** The agent verified and unpacked the bundle, swapped it in, and restarts now. */
export const AgentUpgradeAcceptedSchema = z.object({
  fromVersion: z.string().max(64),
  toVersion: ReleaseVersionSchema,
});
export type AgentUpgradeAccepted = z.infer<typeof AgentUpgradeAcceptedSchema>;

/**
 * Event `agent.upgrade.result` (agent → web, acknowledged): sent by the new version once it is
 * connected (`ok`), or by the previous one after a rollback (`ok: false` with the reason).
 */
export const AgentUpgradeOutcomeSchema = z.object({
  ok: z.boolean(),
  fromVersion: z.string().max(64),
  toVersion: z.string().max(64),
  reason: z.string().max(2048).nullable(),
});
export type AgentUpgradeOutcome = z.infer<typeof AgentUpgradeOutcomeSchema>;
