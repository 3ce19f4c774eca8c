import raw from './default-profile.json' with { type: 'json' };
import { seccompProfileSchema, type SeccompProfile } from './profile.js';

/**
 * Berth's default profile (default-profile.json, a data file shipped in dist/ beside this
 * module): Docker's default in effect. Validated once, at load, with the same schema as a
 * user's `seccomp=FILE`.
 */
export const DEFAULT_SECCOMP_PROFILE: SeccompProfile = seccompProfileSchema.parse(raw);
