import { invalid } from './errors.js';

/**
 * Pure: splits a `command:`/`entrypoint:` string into argv the way Compose does (go-shellwords):
 * whitespace separates words; single quotes keep everything literally; double quotes keep
 * whitespace and let `\` escape `"`, `\`, `$` and a backquote; outside quotes `\` escapes the next
 * character. No variables, globs or operators: the container's shell is not involved.
 */
export function splitShellWords(input: string, where: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && '"\\$`'.includes(input[i + 1] ?? '')) word += input[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < input.length) {
      word += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw invalid(`${where}: unterminated ${quote} quote in "${input}"`);
  if (inWord) words.push(word);
  return words;
}
