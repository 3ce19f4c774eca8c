// Child process for crash tests: pulls an image and prints each progress event as a JSON line.
// Usage: node --import tsx pull-child.ts <data-root> <ref>
import { ImageEngine } from '../../src/engine.js';

const [dataRoot, ref] = process.argv.slice(2);
if (!dataRoot || !ref) throw new Error('usage: pull-child <data-root> <ref>');
const engine = await ImageEngine.open({ dataRoot });
await engine.pull(ref, { onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`) });
process.stdout.write('{"status":"pulled"}\n');
