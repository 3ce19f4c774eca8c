/** A tiny leveled logger; the composition root decides where lines go. */
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function consoleLogger(prefix = 'web'): Logger {
  const line = (level: string, msg: string) =>
    `${new Date().toISOString()} ${level} ${prefix}: ${msg}`;
  return {
    info: (m) => console.log(line('info', m)),
    warn: (m) => console.warn(line('warn', m)),
    error: (m) => console.error(line('error', m)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
