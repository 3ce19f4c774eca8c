import type { Command } from 'commander';
import { LogoutResultSchema } from '@berth/protocol';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { normalizeRegistryHost } from '../registry-host.js';

interface LoginOpts {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
}

async function password(ctx: CliContext, opts: LoginOpts): Promise<string> {
  if (opts.password !== undefined && opts.passwordStdin)
    throw new AgentError(
      'INVALID_ARGUMENT',
      '--password and --password-stdin are mutually exclusive',
    );
  if (opts.password !== undefined) {
    ctx.io.stderr('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
    return opts.password;
  }
  if (opts.passwordStdin) {
    const line = (await ctx.io.readLine?.()) ?? null;
    const pw = line?.replace(/\r?\n$/, '') ?? '';
    if (!pw) throw new AgentError('INVALID_ARGUMENT', 'no password on stdin');
    return pw;
  }
  throw new AgentError('INVALID_ARGUMENT', 'a password is needed: use -p or --password-stdin');
}

/** `berth login [-u USER] [-p PASS | --password-stdin] SERVER`, `berth logout SERVER`. */
export function registerAuthCommands(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description('log in to a registry (credentials are checked, then stored by the agent)')
    .argument('<server>', 'registry host[:port]')
    .option('-u, --username <user>', 'username')
    .option('-p, --password <password>', 'password (prefer --password-stdin)')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (server: string, opts: LoginOpts) => {
      const host = normalizeRegistryHost(server);
      if (!opts.username) throw new AgentError('INVALID_ARGUMENT', 'login needs -u USERNAME');
      const body = { server: host, username: opts.username, password: await password(ctx, opts) };
      await ctx.client().send('POST', '/v1/auth/login', body, z.object({ status: z.string() }));
      ctx.io.stdout('Login Succeeded\n');
    });
  program
    .command('logout')
    .description('remove stored credentials for a registry')
    .argument('<server>', 'registry host[:port]')
    .action(async (server: string) => {
      const host = normalizeRegistryHost(server);
      const r = await ctx
        .client()
        .send('POST', '/v1/auth/logout', { server: host }, LogoutResultSchema);
      ctx.io.stdout(
        r.removed ? `Removing login credentials for ${host}\n` : `Not logged in to ${host}\n`,
      );
    });
}
