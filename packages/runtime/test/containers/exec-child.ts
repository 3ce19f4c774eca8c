// A stand-in agent that dies with a terminal open: opens an interactive exec (under conmon) in
// the given container, prints its pids, then idles until the test SIGKILLs it.
import { ExecSession } from '../../src/exec/exec-session.js';
import {
  chooseRuntime,
  createRuntime,
  detectRuntimeHostFacts,
} from '../../src/oci-runtime/select.js';
import type { ExecTarget } from '../../src/exec/options.js';

const { execRoot, target } = JSON.parse(process.argv[2] ?? '{}') as {
  execRoot: string;
  target: ExecTarget;
};
const runtime = createRuntime(chooseRuntime(detectRuntimeHostFacts()), execRoot);
const session = await ExecSession.open(
  runtime,
  target,
  { cmd: ['/bin/sh'] },
  { cols: 80, rows: 24 },
  { execRoot, conmonPath: '/usr/bin/conmon' },
);
process.stdout.write(`${JSON.stringify({ pid: session.processPid, conmonPid: session.pid })}\n`);
setInterval(() => undefined, 1000);
