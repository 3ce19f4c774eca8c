import type { Command } from 'commander';
import { ExecResultSchema, type ExecRequest } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import { parseEnv } from '../container-args.js';
import type { CliContext } from '../context.js';
import { CliExit } from '../exit.js';
import { runInteractive } from '../interactive.js';
import { enc } from './containers-lifecycle.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

interface ExecFlags {
  interactive?: boolean;
  tty?: boolean;
  env?: string[];
  user?: string;
  workdir?: string;
  privileged?: boolean;
  detach?: boolean;
}

/** `exec [-it] [-e] [-u] [-w] CONTAINER CMD…`: exits with the command's exit code. */
export function registerExecCommand(program: Command, ctx: CliContext): void {
  program
    .command('exec')
    .description('run a command in a running container')
    .option('-i, --interactive', 'keep stdin open (with -t)')
    .option('-t, --tty', 'allocate a terminal')
    .option('-e, --env <KEY=VALUE>', 'set an environment variable', collect)
    .option('-u, --user <user[:group]>', 'user name or uid[:gid]')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('--privileged', 'give the process all capabilities')
    .argument('<container>')
    .argument('<command...>')
    .passThroughOptions()
    .action(async (ref: string, cmd: string[], f: ExecFlags) => {
      const req: ExecRequest = { cmd, env: parseEnv(f.env ?? [], ctx.io.env) };
      if (f.user) req.user = f.user;
      if (f.workdir) req.workdir = f.workdir;
      if (f.privileged) req.privileged = true;
      if (f.tty) {
        if (!process.stdin.isTTY && f.interactive)
          ctx.io.stderr('berth: the input device is not a TTY\n');
        const code = await runInteractive(ctx, ref, req);
        if (code !== 0) throw new CliExit(code);
        return;
      }
      if (f.interactive)
        throw new AgentError(
          'INVALID_ARGUMENT',
          'not supported yet: -i without -t (use -it for an interactive shell)',
        );
      const r = await ctx
        .client()
        .send('POST', `/v1/containers/${enc(ref)}/exec`, req, ExecResultSchema);
      ctx.io.stdout(r.stdout);
      ctx.io.stderr(r.stderr);
      if (r.exitCode !== 0) throw new CliExit(r.exitCode);
    });
}
