import { pino } from 'pino';
import { isoTime } from './time.js';

export { httpDate, isoTime } from './time.js';

/**
 * The one logger of the agent and the web, so an operator reads one format from both: pino, one
 * JSON object per line,
 *
 *   {"level":"info","time":"2026-12-06T20:15:03.120Z","name":"agent","msg":"API listening on …","port":8443}
 *
 * `level` by name, `time` as ISO 8601 UTC, `name` the process (agent | web), `msg` the sentence,
 * then the record's own fields. Lines go to the sink the composition root hands in (the agent's
 * stderr, the web's stdout), written synchronously so a crash loses nothing already logged.
 */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** What the records are from: `agent`, `web`. */
  name: string;
  /** Records below this level are dropped (default `info`). */
  level?: LogLevel;
  /** Where each line goes (default: stderr). */
  write?: (line: string) => void;
}

export function createLogger(opts: LoggerOptions): Logger {
  const write = opts.write ?? ((line: string) => void process.stderr.write(line));
  const log = pino(
    {
      level: opts.level ?? 'info',
      base: { name: opts.name },
      // pino's stdTimeFunctions.isoTime, without Date#toISOString (ICU's time-zone data: ./time.ts)
      timestamp: () => `,"time":"${isoTime()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write },
  );
  const at =
    (level: LogLevel) =>
    (msg: string, fields?: LogFields): void => {
      if (fields && Object.keys(fields).length > 0) log[level](fields, msg);
      else log[level](msg);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Drops every record (tests, and code that was handed no logger). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
