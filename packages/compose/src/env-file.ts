import { parse } from 'dotenv';

/**
 * Pure: the variables of a `.env` / `env_file` text (dotenv's grammar: `KEY=value`, quotes,
 * `#` comments, `export ` prefixes, multi-line double-quoted values).
 */
export function parseEnvFile(text: string): Record<string, string> {
  return { ...parse(text) };
}
