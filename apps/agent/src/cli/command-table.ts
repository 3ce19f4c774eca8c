import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** Registers a module's commands on `parent` (the program, or the `image` group). */
export type Register = (parent: Command, ctx: CliContext) => void;

/** One module of commands: loaded (imported) only when one of its words is the command run. */
export interface CommandModule {
  readonly words: readonly string[];
  readonly load: () => Promise<Register>;
}

/** `image pull|push|tag|save|load`: the image group's subcommands live in other modules. */
async function loadImageGroup(): Promise<Register> {
  const [transfer, tag, archive] = await Promise.all([
    import('./commands/transfer.js'),
    import('./commands/tag.js'),
    import('./commands/archive.js'),
  ]);
  return (program, ctx) => {
    const image = program.commands.find((c) => c.name() === 'image');
    if (!image) return;
    transfer.registerTransferCommands(image, ctx);
    tag.registerTagCommand(image, ctx);
    archive.registerArchiveCommands(image, ctx);
  };
}

/** Every command module, in help order (the `image` group last: it extends `images`' group). */
export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    words: ['version'],
    load: async () => (await import('./commands/version.js')).registerVersionCommand,
  },
  { words: ['info'], load: async () => (await import('./commands/info.js')).registerInfoCommand },
  {
    words: ['images', 'rmi', 'image'],
    load: async () => (await import('./commands/images.js')).registerImagesCommands,
  },
  {
    words: ['pull', 'push'],
    load: async () => (await import('./commands/transfer.js')).registerTransferCommands,
  },
  { words: ['tag'], load: async () => (await import('./commands/tag.js')).registerTagCommand },
  {
    words: ['save', 'load'],
    load: async () => (await import('./commands/archive.js')).registerArchiveCommands,
  },
  {
    words: ['login', 'logout'],
    load: async () => (await import('./commands/auth.js')).registerAuthCommands,
  },
  {
    words: ['system'],
    load: async () => (await import('./commands/system.js')).registerSystemCommands,
  },
  {
    words: ['run', 'create'],
    load: async () => (await import('./commands/containers-run.js')).registerRunCommands,
  },
  {
    words: [
      'start',
      'stop',
      'restart',
      'kill',
      'pause',
      'unpause',
      'rm',
      'rename',
      'update',
      'wait',
    ],
    load: async () =>
      (await import('./commands/containers-lifecycle.js')).registerLifecycleCommands,
  },
  {
    words: ['ps', 'inspect', 'logs', 'top', 'stats', 'events'],
    load: async () => (await import('./commands/containers-view.js')).registerContainerViewCommands,
  },
  { words: ['exec'], load: async () => (await import('./commands/exec.js')).registerExecCommand },
  {
    words: ['network'],
    load: async () => (await import('./commands/networks.js')).registerNetworkCommands,
  },
  {
    words: ['volume'],
    load: async () => (await import('./commands/volumes.js')).registerVolumeCommands,
  },
  {
    words: ['compose'],
    load: async () => (await import('./commands/compose.js')).registerComposeCommands,
  },
  { words: ['image'], load: loadImageGroup },
];

/** Root options that take a value (the value is not the command word). */
const VALUE_OPTIONS = new Set(['-H', '--host']);

/**
 * Pure: the command word of an argv (the first argument that is not a root option or its value),
 * or null when there is none (`--version`, `--help`, nothing).
 */
export function commandWord(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1] ?? null;
    if (!a.startsWith('-')) return a;
    if (VALUE_OPTIONS.has(a)) i++;
  }
  return null;
}

const VERSION_FLAGS = new Set(['-v', '--version']);

/**
 * Pure: which modules an argv needs. A known command word loads just its modules; `help`, an
 * unknown word (commander suggests the nearest ones), a root `--help` or nothing load them all;
 * a bare `--version` loads none.
 */
export function modulesFor(argv: readonly string[]): readonly CommandModule[] {
  const word = commandWord(argv);
  if (word === null)
    return argv.some((a) => VERSION_FLAGS.has(a)) && !argv.some((a) => a === '-h' || a === '--help')
      ? []
      : COMMAND_MODULES;
  const hits = COMMAND_MODULES.filter((m) => m.words.includes(word));
  return hits.length > 0 ? hits : COMMAND_MODULES;
}
