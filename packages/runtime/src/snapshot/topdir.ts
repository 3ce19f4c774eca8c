import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Marks `dir` as the top of independent directory trees for ext4's Orlov allocator
 * (`chattr +T`, FS_TOPDIR_FL): each snapshot directory made in it is placed in a block group
 * with free inodes, instead of next to its siblings. On ext4 without a journal, allocating an
 * inode skips every recently deleted one in its group (`recently_deleted`), which makes file
 * creation in a group with churn (earlier, removed snapshots) an order of magnitude slower.
 * Best effort: a filesystem without the flag (xfs, tmpfs, btrfs…) or a missing chattr changes
 * nothing. Returns whether the flag was set.
 */
export async function markTopDir(dir: string): Promise<boolean> {
  try {
    await exec('chattr', ['+T', dir]);
    return true;
  } catch {
    return false;
  }
}
