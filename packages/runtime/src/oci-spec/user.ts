import { invalidArgument } from '../errors.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids: number[];
  home: string;
}

const isNumeric = (s: string) => /^\d+$/.test(s);

function fields(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

/** Parses /etc/passwd (`name:x:uid:gid:gecos:home:shell`); malformed lines are skipped. */
export function parsePasswd(text: string): PasswdEntry[] {
  return fields(text).flatMap(([name, , uid, gid, , home]) =>
    name && uid && gid && isNumeric(uid) && isNumeric(gid)
      ? [{ name, uid: Number(uid), gid: Number(gid), home: home || '/' }]
      : [],
  );
}

/** Parses /etc/group (`name:x:gid:member,member`). */
export function parseGroup(text: string): GroupEntry[] {
  return fields(text).flatMap(([name, , gid, members]) =>
    name && gid && isNumeric(gid)
      ? [{ name, gid: Number(gid), members: (members ?? '').split(',').filter((m) => m !== '') }]
      : [],
  );
}

/**
 * Resolves a Docker user spec (`user`, `uid`, `user:group`, `uid:gid`) against the rootfs's
 * passwd and group files, like libcontainer's GetExecUser: names must exist; a numeric uid
 * without an entry gets gid 0 and HOME=/. Supplementary groups as Docker sets them.
 */
export function resolveUser(
  spec: string | undefined,
  passwd: PasswdEntry[],
  groups: GroupEntry[],
): ResolvedUser {
  const [userPart = '', groupPart] = (spec ?? '').split(':', 2);
  const userName = userPart === '' ? 'root' : userPart;
  let entry = isNumeric(userName)
    ? passwd.find((p) => p.uid === Number(userName))
    : passwd.find((p) => p.name === userName);
  if (!entry) {
    if (!isNumeric(userName) && userName !== 'root') {
      throw invalidArgument(`unable to find user ${userName}: no matching entries in passwd file`);
    }
    entry = { name: userName, uid: isNumeric(userName) ? Number(userName) : 0, gid: 0, home: '/' };
  }
  let gid = entry.gid;
  if (groupPart !== undefined && groupPart !== '') {
    if (isNumeric(groupPart)) gid = Number(groupPart);
    else {
      const g = groups.find((x) => x.name === groupPart);
      if (!g)
        throw invalidArgument(
          `unable to find group ${groupPart}: no matching entries in group file`,
        );
      gid = g.gid;
    }
  }
  // Docker (daemon/oci_linux.go getUser) gives the primary gid as the first supplementary group,
  // then the groups that list the user (only when no group was named): `id` shows groups=GID.
  const members =
    groupPart === undefined || groupPart === ''
      ? groups.filter((g) => g.members.includes(entry.name) && g.gid !== gid).map((g) => g.gid)
      : [];
  // (an exec with its own user replaces the main process's groups: exec/options.ts)
  return { uid: entry.uid, gid, additionalGids: [gid, ...members], home: entry.home };
}
