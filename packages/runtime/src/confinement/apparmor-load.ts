import { access, readFile } from 'node:fs/promises';
import { runBinary } from '../oci-runtime/run-binary.js';
import {
  APPARMOR_PROFILE_NAME,
  apparmorEnabled,
  apparmorProfileLoaded,
  apparmorProfileText,
} from './apparmor-profile.js';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/**
 * Loads `berth-default` with apparmor_parser (from stdin, nothing written to disk) when AppArmor
 * is enabled and the profile is not loaded yet. Returns the profile name, or null when AppArmor
 * is off or the load failed (reported through onWarning: containers then run without AppArmor,
 * as under Docker on such a host).
 */
export async function loadAppArmorProfile(
  parser: string,
  onWarning: (message: string) => void = () => undefined,
): Promise<string | null> {
  const enabled = await readFile('/sys/module/apparmor/parameters/enabled', 'utf8').catch(() => '');
  if (!apparmorEnabled(enabled)) return null;
  const profiles = await readFile('/sys/kernel/security/apparmor/profiles', 'utf8').catch(() => '');
  if (apparmorProfileLoaded(profiles, APPARMOR_PROFILE_NAME)) return APPARMOR_PROFILE_NAME;
  const text = apparmorProfileText(APPARMOR_PROFILE_NAME, {
    tunables: await exists('/etc/apparmor.d/tunables/global'),
    base: await exists('/etc/apparmor.d/abstractions/base'),
  });
  const r = await runBinary(parser, ['-Kr'], { input: text, allowFailure: true }).catch(
    (err: Error) => ({ exitCode: -1, stderr: err.message, stdout: '' }),
  );
  if (r.exitCode === 0) return APPARMOR_PROFILE_NAME;
  onWarning(
    `AppArmor is enabled but ${APPARMOR_PROFILE_NAME} could not be loaded: ${r.stderr.trim()}`,
  );
  return null;
}
