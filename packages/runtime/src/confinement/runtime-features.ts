import * as z from 'zod';

/** The parts of `runc features` / `crun features` (OCI runtime features JSON) Berth reads. */
const featuresSchema = z.object({
  mountOptions: z.array(z.string()).nullish(),
  linux: z
    .object({
      seccomp: z.object({ enabled: z.boolean().nullish() }).nullish(),
      apparmor: z.object({ enabled: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
});

export interface RuntimeFeatures {
  /** Knows the `rro` mount option. */
  recursiveReadOnly: boolean;
  /** Built with seccomp support. */
  seccomp: boolean;
  apparmor: boolean;
}

/** What runc 1.0 (no `features` command) is assumed to support: seccomp and AppArmor, no rro. */
export const LEGACY_RUNTIME_FEATURES: RuntimeFeatures = {
  recursiveReadOnly: false,
  seccomp: true,
  apparmor: true,
};

/** Pure: the runtime's `features` output → what it supports; legacy defaults when unreadable. */
export function parseRuntimeFeatures(stdout: string): RuntimeFeatures {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return LEGACY_RUNTIME_FEATURES;
  }
  const r = featuresSchema.safeParse(json);
  if (!r.success) return LEGACY_RUNTIME_FEATURES;
  return {
    recursiveReadOnly: r.data.mountOptions?.includes('rro') ?? false,
    seccomp: r.data.linux?.seccomp?.enabled ?? true,
    apparmor: r.data.linux?.apparmor?.enabled ?? true,
  };
}
