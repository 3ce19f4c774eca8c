/**
 * Pure: what the agent writes to its spawner shell and how it reads the answers (see spawner.ts).
 *
 * Each request is one shell command run as a background job (so a slow child never holds up the
 * next request), after `jobs`, which reaps the jobs that ended since the last request (a
 * non-interactive dash reaps background jobs only then or at a `wait`: without it every request
 * would leave a zombie). Each job writes exactly one answer on the shell's stdout:
 * `<id> <kind> <payload>\0` — `kind` is the exit status (0–255) of a child run to its end, `L`
 * for the first line a child wrote on its fd 3, or `E` for a child that closed fd 3 without one.
 * Shell variables cannot hold a NUL byte, so a NUL always ends an answer. An answer is written by
 * one `printf` (one write(2) of at most ≈ 4 KiB: payloads over 1 000 characters are cut to 1 000
 * bytes), so answers of concurrent jobs never interleave on the pipe (POSIX: writes of at most
 * PIPE_BUF bytes are atomic).
 */

/** Longest payload kept, in characters (≤ 4 000 bytes in UTF-8, under PIPE_BUF with the header). */
export const MAX_PAYLOAD_CHARS = 1000;

/** Pure: one word for sh, taken literally (single quotes; a `'` as `'\''`). */
export function shQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Reaps the jobs that have ended (see above); its listing goes nowhere. */
const REAP = 'jobs >/dev/null; ';

const argv = (file: string, args: readonly string[]) => [file, ...args].map(shQuote).join(' ');

/** Cuts a variable to MAX_PAYLOAD_CHARS (`head -c`: a fork, only when it is longer). */
const cap = (v: string) =>
  `[ \${#${v}} -gt ${MAX_PAYLOAD_CHARS} ] && ${v}=$(printf %s "$${v}" | head -c ${MAX_PAYLOAD_CHARS});`;

/**
 * Pure: run `file args` to its end, stdin and stdout on /dev/null; the answer is its exit status
 * and its stderr.
 */
export function runCommand(id: number, file: string, args: readonly string[]): string {
  return (
    `${REAP}( _e=$(exec ${argv(file, args)} 2>&1 </dev/null >/dev/null); _s=$?; ${cap('_e')} ` +
    `printf '%s %s %s\\0' ${id} "$_s" "$_e" ) &\n`
  );
}

/**
 * Pure: run `file args` in `cwd` with `env` added, fd 3 and stderr on one pipe, stdin and stdout
 * on /dev/null; the answer is the first line on that pipe that starts with `{` (conmon's sync
 * message), or, when the pipe closes without one, every line it carried (the child's stderr).
 * The job ends with that answer; a child that keeps the pipe open (conmon's daemon) has it
 * closed on its reading end, as when the agent read it itself.
 */
export function firstLineCommand(
  id: number,
  file: string,
  args: readonly string[],
  opts: { cwd: string; env: Readonly<Record<string, string>> },
): string {
  const env = Object.entries(opts.env).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`bad environment name ${k}`);
    return `${k}=${shQuote(v)} `;
  });
  const child = `( cd -- ${shQuote(opts.cwd)} && ${env.join('')}exec ${argv(file, args)} 3>&1 </dev/null >/dev/null ) 2>&1`;
  const reader =
    `{ _e=; while IFS= read -r _l || [ -n "$_l" ]; do case $_l in '{'*) ` +
    `if [ \${#_l} -gt ${MAX_PAYLOAD_CHARS} ]; then ${cap('_l')} printf '%s E %s\\0' ${id} "$_l"; ` +
    `else printf '%s L %s\\0' ${id} "$_l"; fi; exit 0;; esac; _e="$_e$_l\n"; _l=; done; ` +
    `${cap('_e')} printf '%s E %s\\0' ${id} "$_e"; }`;
  return `${REAP}( ${child} | ${reader} ) &\n`;
}

/** One answer of the spawner. */
export type SpawnerAnswer =
  | { id: number; kind: 'exit'; status: number; text: string }
  | { id: number; kind: 'line'; text: string }
  | { id: number; kind: 'eof'; text: string };

/** Pure: one answer (the bytes before its NUL), null when it is not one. */
export function parseAnswer(raw: string): SpawnerAnswer | null {
  const m = /^(\d+) (\d{1,3}|L|E) ([\s\S]*)$/.exec(raw);
  if (!m) return null;
  const id = Number(m[1]);
  const text = m[3]!;
  if (m[2] === 'L') return { id, kind: 'line', text };
  if (m[2] === 'E') return { id, kind: 'eof', text };
  return { id, kind: 'exit', status: Number(m[2]), text };
}

/**
 * Splits a stream into NUL-ended answers: `push` returns the complete ones; a partial answer is
 * kept for the next chunk.
 */
export class AnswerSplitter {
  #rest: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    const buf = this.#rest.length ? Buffer.concat([this.#rest, chunk]) : chunk;
    const out: string[] = [];
    let start = 0;
    for (let nul = buf.indexOf(0, start); nul >= 0; nul = buf.indexOf(0, start)) {
      out.push(buf.toString('utf8', start, nul));
      start = nul + 1;
    }
    this.#rest = Buffer.from(buf.subarray(start));
    return out;
  }
}
