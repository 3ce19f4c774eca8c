import { posix } from 'node:path';

/** The file names Compose v2 looks for in the project directory, in this order. */
export const DEFAULT_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
] as const;

/** Pure: the candidate paths of the default compose file in `dir`, in preference order. */
export function defaultFileCandidates(dir: string): string[] {
  return DEFAULT_FILE_NAMES.map((n) => posix.join(dir, n));
}
