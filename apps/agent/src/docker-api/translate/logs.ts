import type { LogLine } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import { encodeFrames } from '../http/frames.js';
import type { DockerQuery } from '../http/query.js';

export interface DockerLogsQuery {
  follow: boolean;
  stdout: boolean;
  stderr: boolean;
  timestamps: boolean;
  /** Undefined = all. */
  tail: number | undefined;
  since: Date | undefined;
  until: Date | undefined;
}

/** Pure: Docker's `since`/`until`: unix seconds with an optional fraction; 0 = unset. */
export function unixTimeParam(q: DockerQuery, key: string): Date | undefined {
  const v = q.string(key);
  if (v === undefined || v === '' || v === '0') return undefined;
  if (!/^\d{1,12}(\.\d{1,9})?$/.test(v))
    throw new AgentError(
      'INVALID_ARGUMENT',
      `invalid value for ${key}: ${JSON.stringify(v.slice(0, 40))}`,
    );
  return new Date(Number(v) * 1000);
}

/** Pure: the query of `GET /containers/{id}/logs`. */
export function parseLogsQuery(q: DockerQuery): DockerLogsQuery {
  const stdout = q.bool('stdout');
  const stderr = q.bool('stderr');
  if (!stdout && !stderr)
    throw new AgentError('INVALID_ARGUMENT', 'Bad parameters: you must choose at least one stream');
  const tailRaw = q.string('tail') ?? 'all';
  let tail: number | undefined;
  if (tailRaw !== 'all' && tailRaw !== '') {
    if (!/^-?\d{1,9}$/.test(tailRaw))
      throw new AgentError(
        'INVALID_ARGUMENT',
        `invalid value for tail: ${JSON.stringify(tailRaw.slice(0, 20))}`,
      );
    // a negative tail means all lines, as Docker reads it
    tail = Number(tailRaw) < 0 ? undefined : Number(tailRaw);
  }
  return {
    follow: q.bool('follow'),
    stdout,
    stderr,
    timestamps: q.bool('timestamps'),
    tail,
    since: unixTimeParam(q, 'since'),
    until: unixTimeParam(q, 'until'),
  };
}

/** Pure: conmon's `…+00:00` → Docker's RFC 3339 with `Z`, nanoseconds kept. */
export function dockerTimestamp(time: string): string {
  return time.replace(/\+00:00$/, 'Z');
}

/** Pure: one log line as Docker sends it: a frame per line without a TTY, raw bytes with one. */
export function encodeLogLine(line: LogLine, opts: { timestamps: boolean; tty: boolean }): Buffer {
  const text = `${opts.timestamps ? `${dockerTimestamp(line.time)} ` : ''}${line.text}\n`;
  const data = Buffer.from(text, 'utf8');
  return opts.tty ? data : encodeFrames(line.stream, data);
}
