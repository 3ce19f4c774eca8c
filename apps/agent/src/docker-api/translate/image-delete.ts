import { parseReference, repositoryName, tagName } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import { familiar } from './image-refs.js';

/** A container created from the image being removed. */
export interface ImageUser {
  id: string;
  running: boolean;
}

/** What `DELETE /images/{name}` does: names to remove (stored form), then maybe the image. */
export interface DeletePlan {
  untag: string[];
  /** Delete the image itself once untagged (false: it stays, dangling or still named). */
  delete: boolean;
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** Pure: did the user name the image by (a prefix of) its ID, as Docker's `isImageIDPrefix`? */
export function isIdReference(ref: string, imageId: string): boolean {
  return (
    /^(sha256:)?[0-9a-f]+$/.test(ref) &&
    (imageId.startsWith(ref) || imageId.slice(7).startsWith(ref))
  );
}

/** Pure: the stored name a reference stands for (`busybox` → `docker.io/library/busybox:latest`). */
export function storedName(ref: string): string {
  const r = parseReference(ref);
  return r.digest ? `${repositoryName(r)}@${r.digest}` : tagName(r);
}

const repoOf = (name: string) => repositoryName(parseReference(name));
const isDigestName = (name: string) => name.includes('@');

/** Pure: Docker's `isSingleReference`: at most one tag, and every name in one repository. */
export function isSingleReference(names: readonly string[]): boolean {
  if (names.length <= 1) return names.length === 1;
  const tags = names.filter((n) => !isDigestName(n));
  if (tags.length > 1) return false;
  const digestRepos = new Set(names.filter(isDigestName).map(repoOf));
  const single = tags[0] ?? names[0]!;
  return digestRepos.size === 1 && digestRepos.has(repoOf(single));
}

function conflict(imageId: string, hard: boolean, why: string): AgentError {
  return new AgentError(
    'FAILED_PRECONDITION',
    `conflict: unable to delete ${short(imageId)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${why}`,
  );
}

/**
 * Pure: moby's `ImageDelete` decision for Berth's image records. By name: untag it (and the
 * repository's digests when it was its last tag); refused without force when a container uses an
 * image this is the only name of. By ID: untag all and delete; a running container refuses it
 * even with force, a stopped one or names in several repositories without force.
 */
export function planImageDelete(
  image: { id: string; repoTags: readonly string[]; repoDigests: readonly string[] },
  ref: string,
  force: boolean,
  users: readonly ImageUser[],
): DeletePlan {
  const names = [...image.repoTags, ...image.repoDigests];
  const running = users.find((u) => u.running);
  const stopped = users.find((u) => !u.running);
  if (!isIdReference(ref, image.id)) {
    const name = storedName(ref);
    const user = users[0];
    if (!force && isSingleReference(names) && user) {
      throw new AgentError(
        'FAILED_PRECONDITION',
        `conflict: unable to remove repository reference "${ref}" (must force) - container ${short(user.id)} is using its referenced image ${short(image.id)}`,
      );
    }
    const untag = [name];
    let left = names.filter((n) => n !== name);
    if (!isDigestName(name) && !left.some((n) => !isDigestName(n) && repoOf(n) === repoOf(name))) {
      const sameRepoDigests = left.filter((n) => isDigestName(n) && repoOf(n) === repoOf(name));
      untag.push(...sameRepoDigests);
      left = left.filter((n) => !sameRepoDigests.includes(n));
    }
    // names left: the untag was the whole removal; none left but a container uses it: it stays
    return { untag, delete: left.length === 0 && users.length === 0 };
  }
  const untag: string[] = [];
  if (isSingleReference(names)) {
    if (running)
      throw conflict(
        image.id,
        true,
        `image is being used by running container ${short(running.id)}`,
      );
    if (!force && stopped)
      throw conflict(
        image.id,
        false,
        `image is being used by stopped container ${short(stopped.id)}`,
      );
    untag.push(...names);
  }
  if (running)
    throw conflict(image.id, true, `image is being used by running container ${short(running.id)}`);
  if (!force && untag.length < names.length)
    throw conflict(image.id, false, 'image is referenced in multiple repositories');
  if (!force && stopped)
    throw conflict(
      image.id,
      false,
      `image is being used by stopped container ${short(stopped.id)}`,
    );
  for (const n of names) if (!untag.includes(n)) untag.push(n);
  // Docker deletes an image a stopped container uses when forced; Berth keeps it (dangling) so the
  // container's layers stay.
  return { untag, delete: users.length === 0 };
}

/** Pure: the response items for what was done (`Untagged` in Docker's short names, then `Deleted`). */
export function deleteItems(
  untagged: readonly string[],
  deleted: readonly string[],
): Array<{ Untagged: string } | { Deleted: string }> {
  return [
    ...untagged.map((n) => ({ Untagged: familiar(n) })),
    ...deleted.map((d) => ({ Deleted: d })),
  ];
}
