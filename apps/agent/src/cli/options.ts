import { Option } from 'commander';
import { AgentError } from '../errors.js';
import type { OutputFormat } from './context.js';

export function formatOption(): Option {
  return new Option('-f, --format <format>', 'output format: "json" prints one JSON object');
}

/** Only `json` is a format for now (Go templates are not supported). */
export function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === '' || value === 'text') return 'text';
  if (value === 'json' || value === '{{json .}}') return 'json';
  throw new AgentError(
    'INVALID_ARGUMENT',
    `--format: unsupported format "${value.slice(0, 100)}" (use "json")`,
  );
}
