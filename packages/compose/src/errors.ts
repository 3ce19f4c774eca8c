/**
 * The compose package's one error type, with a closed set of codes spelled as @berth/protocol's
 * ErrorCode. `details.problems` lists every problem found (schema errors, unsupported keys) so a
 * caller can show them all at once, each with its path in the file (`services.web.build`).
 */
export const ComposeErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  UNIMPLEMENTED: 'UNIMPLEMENTED',
} as const;

export type ComposeErrorCode = (typeof ComposeErrorCode)[keyof typeof ComposeErrorCode];

export class ComposeError extends Error {
  override readonly name = 'ComposeError';
  constructor(
    readonly code: ComposeErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${message}:\n  ${problems.join('\n  ')}` : message);
  }
}

export const invalid = (message: string, problems: readonly string[] = []) =>
  new ComposeError('INVALID_ARGUMENT', message, problems);

export function isComposeError(err: unknown, code?: ComposeErrorCode): err is ComposeError {
  return err instanceof ComposeError && (code === undefined || err.code === code);
}
