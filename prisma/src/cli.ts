#!/usr/bin/env node
/** `berth-db migrate [--url URL]`: applies the committed migrations (offline, WASM engine). */
import { applyMigrations } from './apply.js';
import { exitCodeFor, parseCliArgs, USAGE } from './cli-args.js';
import { defaultDatabaseUrl } from './default-url.js';
import { describe } from './errors.js';

async function main(argv: readonly string[]): Promise<number> {
  const cmd = parseCliArgs(argv);
  if (cmd.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const url = cmd.url ?? defaultDatabaseUrl();
  const applied = await applyMigrations(url, { log: (line) => console.log(line) });
  console.log(applied.length === 0 ? 'nothing to apply' : `applied ${applied.length} migration(s)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`berth-db: ${describe(err)}`);
    if (exitCodeFor(err) === 2) console.error(USAGE);
    process.exit(exitCodeFor(err));
  },
);
