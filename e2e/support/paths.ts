import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const stateFile = join(repoRoot, 'e2e', 'test-results', 'stack.json');
export const screenshotDir = join(repoRoot, 'e2e', 'test-results', 'screenshots');
