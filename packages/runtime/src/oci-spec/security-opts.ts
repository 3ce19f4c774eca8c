import { invalidArgument } from '../errors.js';
import { parseSeccompProfile, type SeccompProfile } from './seccomp/profile.js';

export type SeccompChoice =
  { kind: 'default' } | { kind: 'unconfined' } | { kind: 'custom'; profile: SeccompProfile };

export type AppArmorChoice =
  { kind: 'default' } | { kind: 'unconfined' } | { kind: 'profile'; name: string };

/** What `--security-opt` asked for (Docker's syntax). */
export interface SecurityOptions {
  seccomp: SeccompChoice;
  apparmor: AppArmorChoice;
  noNewPrivileges: boolean;
}

/** Largest `seccomp=<profile JSON>` accepted. */
export const MAX_SECCOMP_PROFILE_BYTES = 1024 * 1024;

const APPARMOR_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,255}$/;

/** `key=value`, or Docker's older `key:value`; a bare key (no-new-privileges) has no value. */
function splitOpt(opt: string): [string, string | undefined] {
  const eq = opt.indexOf('=');
  const colon = opt.indexOf(':');
  const at = eq >= 0 ? eq : colon;
  return at < 0 ? [opt, undefined] : [opt.slice(0, at), opt.slice(at + 1)];
}

function seccompChoice(value: string): SeccompChoice {
  if (value === 'unconfined') return { kind: 'unconfined' };
  if (Buffer.byteLength(value) > MAX_SECCOMP_PROFILE_BYTES)
    throw invalidArgument(`seccomp profile larger than ${MAX_SECCOMP_PROFILE_BYTES} bytes`);
  if (!value.trimStart().startsWith('{'))
    throw invalidArgument(
      'seccomp= takes "unconfined" or a profile\'s JSON (the CLI reads seccomp=FILE for you)',
    );
  return { kind: 'custom', profile: parseSeccompProfile(value) };
}

function apparmorChoice(value: string): AppArmorChoice {
  if (value === 'unconfined') return { kind: 'unconfined' };
  if (!APPARMOR_NAME.test(value)) throw invalidArgument(`invalid AppArmor profile name "${value}"`);
  return { kind: 'profile', name: value };
}

function boolValue(key: string, value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw invalidArgument(`${key} takes true or false, not "${value}"`);
}

/**
 * Pure: Docker's `--security-opt` list → what the container asked for. Later options win.
 * SELinux labels and anything else Berth does not implement are refused by name.
 */
export function parseSecurityOpts(opts: readonly string[]): SecurityOptions {
  const out: SecurityOptions = {
    seccomp: { kind: 'default' },
    apparmor: { kind: 'default' },
    noNewPrivileges: false,
  };
  for (const opt of opts) {
    const [key, value] = splitOpt(opt);
    if (key === 'no-new-privileges') {
      out.noNewPrivileges = boolValue(key, value);
      continue;
    }
    if (key === 'label')
      throw invalidArgument('security-opt label=…: SELinux labels are not supported by Berth');
    if (value === undefined || value === '')
      throw invalidArgument(
        `security-opt "${opt}": want seccomp=…, apparmor=… or no-new-privileges`,
      );
    if (key === 'seccomp') out.seccomp = seccompChoice(value);
    else if (key === 'apparmor') out.apparmor = apparmorChoice(value);
    else
      throw invalidArgument(
        `unsupported security-opt "${key}" (supported: seccomp, apparmor, no-new-privileges)`,
      );
  }
  return out;
}
