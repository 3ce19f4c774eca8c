import type { WireError } from '@berth/protocol';

/** `msg="…"` values of logfmt lines (runc, crun and conmon log their errors that way). */
const LOGFMT_MSG = /\bmsg="((?:[^"\\]|\\.)*)"/g;
/** `/usr/sbin/runc update --memory 1 <id>: exit 1: ` — the command line of a failed runtime. */
const RUNTIME_COMMAND =
  /^(?:\S*\/)?(?:runc|crun)\b.*?\s(create|start|update|kill|delete|exec|pause|resume|state|events|ps)\s.*?: exit \d+: /s;

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/**
 * Pure: an error message as people read it. A runtime's command line and its logfmt noise
 * (`time="…" level=error msg="…"`) give way to what the `msg` says; the original is kept as
 * `detail`, one click away in the dashboard. Null when there is nothing to tidy.
 */
export function peopleWords(message: string): { message: string; detail: string } | null {
  let text = message;
  const command = RUNTIME_COMMAND.exec(text);
  if (command) text = `${command[1]} failed: ${text.slice(command[0].length)}`;
  const msgs = [...text.matchAll(LOGFMT_MSG)].map((m) => unescape(m[1]!));
  if (msgs.length > 0) {
    const start = text.search(/\btime="|\blevel=/);
    const prefix = start > 0 ? text.slice(0, start) : '';
    text = `${prefix}${msgs[msgs.length - 1]}`;
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text === message ? null : { message: text, detail: message };
}

/** A wire error in people's words, the original message in `details.detail`. */
export function inPeoplesWords(wire: WireError): WireError {
  const words = peopleWords(wire.message);
  if (!words) return wire;
  return { ...wire, message: words.message, details: { ...wire.details, detail: words.detail } };
}

const MiB = 1024 * 1024;
const size = (bytes: number) =>
  bytes >= 1024 * MiB
    ? `${(bytes / (1024 * MiB)).toFixed(1)} GiB`
    : `${Math.max(1, Math.round(bytes / MiB))} MiB`;

/**
 * Pure: runc's refusal of a memory limit below what the container uses (cgroup v1: "unable to
 * set memory limit to N (current usage: M, …)") in words, or null for anything else.
 */
export function memoryBelowUsage(stderr: string, name: string): string | null {
  const m = /unable to set memory limit to (\d+) \(current usage: (\d+)/.exec(stderr);
  if (!m) return null;
  return `The memory limit ${size(Number(m[1]))} is below what ${name} uses now (${size(Number(m[2]))}): choose a higher limit, or stop the container and set it then.`;
}
