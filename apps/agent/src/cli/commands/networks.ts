import type { Command } from 'commander';
import {
  NetworkListSchema,
  NetworkRemoveResultSchema,
  NetworkSchema,
  type Network,
} from '@berth/protocol';
import type { CliContext } from '../context.js';
import { inspectEach } from '../inspect-each.js';
import { parseLabels } from '../container-args.js';
import { filtersQuery, formatNetworksTable } from '../format-networks.js';
import { parseFormat } from '../options.js';
import { eachContainer, enc } from './containers-lifecycle.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

interface CreateFlags {
  driver?: string;
  subnet?: string;
  gateway?: string;
  internal?: boolean;
  label?: string[];
  opt?: string[];
  disableDns?: boolean;
}

/** `network create|ls|inspect|rm|prune|connect|disconnect`, docker's names and flags. */
export function registerNetworkCommands(program: Command, ctx: CliContext): void {
  const network = program.command('network').description('manage networks');
  network
    .command('create')
    .description('create a bridge network (containers on it resolve each other by name)')
    .option('-d, --driver <driver>', 'network driver (only bridge)')
    .option('--subnet <cidr>', 'IPv4 subnet, e.g. 10.90.0.0/24 (default: from the address pool)')
    .option('--gateway <ip>', 'gateway address in the subnet (default: its first address)')
    .option('--internal', 'no masquerade, no default route, no published ports')
    .option('-l, --label <key=value>', 'set a label', collect)
    .option(
      '-o, --opt <key=value>',
      'driver option, e.g. com.docker.network.bridge.name=br0',
      collect,
    )
    .option('--disable-dns', 'no name resolution between the containers')
    .argument('<name>')
    .action(async (name: string, f: CreateFlags) => {
      const n = await ctx.client().send(
        'POST',
        '/v1/networks',
        {
          name,
          ...(f.driver ? { driver: f.driver } : {}),
          ...(f.subnet ? { subnet: f.subnet } : {}),
          ...(f.gateway ? { gateway: f.gateway } : {}),
          ...(f.internal ? { internal: true } : {}),
          ...(f.disableDns ? { dns: false } : {}),
          labels: parseLabels(f.label ?? []),
          options: parseLabels(f.opt ?? []),
        },
        NetworkSchema,
      );
      ctx.io.stdout(`${n.id}\n`);
    });
  network
    .command('ls')
    .alias('list')
    .description('list networks')
    .option('-q, --quiet', 'only IDs')
    .option('--no-trunc', 'full IDs')
    .option(
      '-f, --filter <key=value>',
      'name=, id=, label=, driver=, type=custom|builtin, dangling=true',
      collect,
    )
    .option('--format <format>', 'json: one object per line')
    .action(async (o: { quiet?: boolean; trunc?: boolean; filter?: string[]; format?: string }) => {
      const format = parseFormat(o.format);
      const { networks } = await ctx
        .client()
        .get(`/v1/networks${filtersQuery(o.filter ?? [])}`, NetworkListSchema);
      const id = (n: Network) => (o.trunc === false ? n.id : n.id.slice(0, 12));
      if (o.quiet) ctx.io.stdout(networks.map((n) => `${id(n)}\n`).join(''));
      else if (format === 'json')
        ctx.io.stdout(networks.map((n) => `${JSON.stringify(n)}\n`).join(''));
      else ctx.io.stdout(formatNetworksTable(networks));
    });
  network
    .command('inspect')
    .description('show network details with their containers (a JSON array)')
    .argument('<network...>')
    .action((refs: string[]) =>
      inspectEach(ctx, refs, (r) => `/v1/networks/${enc(r)}`, NetworkSchema),
    );
  network
    .command('rm')
    .alias('remove')
    .description('remove networks (refused while containers are connected)')
    .argument('<network...>')
    .action((refs: string[]) =>
      eachContainer(ctx, refs, async (r) => {
        await ctx
          .client()
          .send('DELETE', `/v1/networks/${enc(r)}`, undefined, NetworkRemoveResultSchema);
      }),
    );
  network
    .command('prune')
    .description('remove every network no container is connected to')
    .option('-f, --force', 'do not ask for confirmation')
    .action(async (o: { force?: boolean }) => {
      if (!o.force) {
        ctx.io.stdout(
          'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ',
        );
        const answer = (await ctx.io.readLine?.()) ?? '';
        if (!/^y(es)?$/i.test(answer.trim())) return;
      }
      const { removed } = await ctx
        .client()
        .send('POST', '/v1/networks/prune', undefined, NetworkRemoveResultSchema);
      if (removed.length > 0)
        ctx.io.stdout(`Deleted Networks:\n${removed.map((n) => `${n}\n`).join('')}`);
    });
  network
    .command('connect')
    .description('connect a container (running or not) to a network')
    .option('--alias <name>', 'an alias other containers on the network resolve', collect)
    .option('--ip <address>', 'a static IPv4 address in the network')
    .argument('<network>')
    .argument('<container>')
    .action(async (net: string, container: string, o: { alias?: string[]; ip?: string }) => {
      await ctx.client().send(
        'POST',
        `/v1/networks/${enc(net)}/connect`,
        {
          container,
          ...(o.alias ? { aliases: o.alias } : {}),
          ...(o.ip ? { ipv4Address: o.ip } : {}),
        },
        NetworkSchema,
      );
    });
  network
    .command('disconnect')
    .description('disconnect a container from a network')
    .argument('<network>')
    .argument('<container>')
    .action(async (net: string, container: string) => {
      await ctx
        .client()
        .send('POST', `/v1/networks/${enc(net)}/disconnect`, { container }, NetworkSchema);
    });
}
