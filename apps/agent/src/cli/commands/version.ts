import os from 'node:os';
import type { Command } from 'commander';
import { VersionResponseSchema } from '../../api/schemas.js';
import type { VersionResponse } from '../../api/schemas.js';
import { API_VERSION, AGENT_VERSION } from '../../version.js';
import type { CliContext } from '../context.js';
import { formatClientVersion, formatServerVersion } from '../format.js';
import type { ClientVersion } from '../format.js';
import { formatOption, parseFormat } from '../options.js';

export function clientVersion(): ClientVersion {
  return {
    version: AGENT_VERSION,
    apiVersion: API_VERSION,
    node: process.version,
    os: os.platform(),
    arch: os.arch(),
  };
}

/** `berth version`: client version always; the agent's too, or an error and a non-zero exit. */
export function registerVersionCommand(program: Command, ctx: CliContext): void {
  program
    .command('version')
    .description('show the berth client and agent versions')
    .addOption(formatOption())
    .action(async (opts: { format?: string }) => {
      const format = parseFormat(opts.format);
      const client = clientVersion();
      let server: VersionResponse | null = null;
      let failure: unknown = null;
      try {
        server = await ctx.client().get('/v1/version', VersionResponseSchema);
      } catch (err) {
        failure = err;
      }
      if (format === 'json') ctx.io.stdout(JSON.stringify({ client, server }) + '\n');
      else
        ctx.io.stdout(
          formatClientVersion(client) + (server ? '\n' + formatServerVersion(server) : ''),
        );
      if (failure) throw failure;
    });
}
