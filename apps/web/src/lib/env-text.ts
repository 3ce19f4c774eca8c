/**
 * Pure: a `.env` text → its variables, for the editor's interpolation (the agent parses the real
 * thing with dotenv). `KEY=value` lines; `#` comments, blank lines and `export ` prefixes ignored;
 * one pair of surrounding quotes removed.
 */
export function parseEnvText(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    let value = line.slice(at + 1).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2)
      value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}
