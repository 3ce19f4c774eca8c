/** The AppArmor profile Berth loads for containers, like Docker's `docker-default`. */
export const APPARMOR_PROFILE_NAME = 'berth-default';

/** Which of the usual policy includes exist on the host (a missing include fails the load). */
export interface AppArmorIncludes {
  tunables: boolean;
  base: boolean;
}

/**
 * Pure: the profile's text. Files, networking and capabilities stay governed by the container's
 * other layers (capabilities, seccomp, masked paths); this profile adds what those cannot say:
 * no mounts, no writes to /proc outside the process's own entries and kernel.shm*, nothing under
 * /sys outside the cgroup tree, never sysrq-trigger or kcore, ptrace and signals only among the
 * container's own processes (and from the unconfined agent, runc, crun and conmon).
 */
export function apparmorProfileText(
  name: string = APPARMOR_PROFILE_NAME,
  includes: AppArmorIncludes = { tunables: true, base: true },
): string {
  return [
    ...(includes.tunables ? ['#include <tunables/global>', ''] : []),
    `profile ${name} flags=(attach_disconnected,mediate_deleted) {`,
    ...(includes.base ? ['  #include <abstractions/base>', ''] : []),
    '  network,',
    '  capability,',
    '  file,',
    '  umount,',
    '  deny mount,',
    '',
    '  signal (receive) peer=unconfined,',
    '  signal (receive) peer=runc,',
    '  signal (receive) peer=crun,',
    `  signal (send,receive) peer=${name},`,
    `  ptrace (trace,read,tracedby,readby) peer=${name},`,
    '',
    '  deny @{PROC}/* w,',
    '  deny @{PROC}/{[^1-9],[^1-9][^0-9],[^1-9s][^0-9y][^0-9s],[^1-9][^0-9][^0-9][^0-9/]*}/** w,',
    '  deny @{PROC}/sys/[^k]** w,',
    '  deny @{PROC}/sys/kernel/{?,??,[^s][^h][^m]**} w,',
    '  deny @{PROC}/sysrq-trigger rwklx,',
    '  deny @{PROC}/kcore rwklx,',
    '',
    '  deny /sys/[^f]*/** wklx,',
    '  deny /sys/f[^s]*/** wklx,',
    '  deny /sys/fs/[^c]*/** wklx,',
    '  deny /sys/fs/c[^g]*/** wklx,',
    '  deny /sys/fs/cg[^r]*/** wklx,',
    '  deny /sys/firmware/** rwklx,',
    '  deny /sys/devices/virtual/powercap/** rwklx,',
    '  deny /sys/kernel/security/** rwklx,',
    '}',
    '',
  ].join('\n');
}

/** Pure: `/sys/module/apparmor/parameters/enabled` says Y when AppArmor is on. */
export function apparmorEnabled(parameter: string): boolean {
  return parameter.trim().startsWith('Y');
}

/** Pure: whether `/sys/kernel/security/apparmor/profiles` lists the profile as loaded. */
export function apparmorProfileLoaded(profiles: string, name: string): boolean {
  return profiles.split('\n').some((l) => l.trim().startsWith(`${name} (`));
}
