/**
 * Which browser socket started which pull: progress events carry the pullId and go only to
 * that socket. Pure bookkeeping.
 */
export function createPullRegistry() {
  const pulls = new Map<string, { hostId: string; socketId: string | null }>();
  return {
    start(pullId: string, hostId: string, socketId: string | null) {
      pulls.set(pullId, { hostId, socketId });
    },
    /** The socket to send a host's progress event to (null when unknown or not ours). */
    target(pullId: string, hostId: string): string | null {
      const p = pulls.get(pullId);
      return p && p.hostId === hostId ? p.socketId : null;
    },
    has: (pullId: string) => pulls.has(pullId),
    end(pullId: string) {
      pulls.delete(pullId);
    },
  };
}
