// The upgrade guard (upgrade/guard.ts): started detached by the agent that accepted an upgrade,
// from that agent's own release, with one JSON argument.
import { GuardArgsSchema, runGuard } from '../upgrade/guard.js';

let raw: unknown = null;
try {
  raw = JSON.parse(process.argv[2] ?? 'null');
} catch {
  /* reported below */
}
const parsed = GuardArgsSchema.safeParse(raw);
if (!parsed.success) {
  process.stderr.write(`berth-upgrade-guard: bad arguments: ${parsed.error.message}\n`);
  process.exit(2);
}
try {
  await runGuard(parsed.data);
} catch (err) {
  process.stderr.write(
    `berth-upgrade-guard: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
