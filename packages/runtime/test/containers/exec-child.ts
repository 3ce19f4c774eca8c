// A stand-in agent that dies with a terminal open: opens an interactive exec (under conmon) in
// the given container, prints its pids, then idles until the test SIGKILLs it; or, with
// `exit`, has the shell print a line and calls process.exit(0) with the session open.
import { ExecSession } from '../../src/exec/exec-session.js';
import {
  chooseRuntime,
  createRuntime,
  detectRuntimeHostFacts,
} from '../../src/oci-runtime/select.js';
import type { ExecTarget } from '../../src/exec/options.js';

const { execRoot, target, exit } = JSON.parse(process.argv[2] ?? '{}') as {
  execRoot: string;
  target: ExecTarget;
  exit?: boolean;
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
if (exit) {
  let out = '';
  session.onData((d) => {
    out += d.toString();
    if (out.includes('up-42')) process.exit(0);
  });
  const ask = () => session.write(Buffer.from('echo up-$((41+1))\r'));
  setInterval(ask, 500);
  ask();
} else setInterval(() => undefined, 1000);
