// A stand-in agent: starts a spawner, has it run one job that outlives the kill (it writes its
// pid to argv[2], then sleeps), prints the shell's pid, and idles until the test SIGKILLs it.
import { Spawner } from '../../src/spawner/spawner.js';

const pidFile = process.argv[2]!;
const spawner = new Spawner();
await spawner.run('/bin/true', []);
void spawner
  .run('/bin/sh', ['-c', `echo $$ > '${pidFile}'; exec sleep 0.5`])
  .catch(() => undefined);
process.stdout.write(`${spawner.pid}\n`);
setInterval(() => undefined, 1000);
