import { existsSync } from 'node:fs';
import { readStack, stopStack } from './stack.js';
import { stateFile } from './paths.js';

export default async function globalTeardown(): Promise<void> {
  if (existsSync(stateFile)) await stopStack(readStack());
}
