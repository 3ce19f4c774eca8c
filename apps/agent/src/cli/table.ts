/**
 * Columns padded like docker's tabwriter (3 spaces between columns, last column unpadded).
 * Returns the table with a trailing newline.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return (
    all
      .map((r) =>
        r
          .map((cell, c) => (c === headers.length - 1 ? cell : cell.padEnd(widths[c]! + 3)))
          .join('')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
