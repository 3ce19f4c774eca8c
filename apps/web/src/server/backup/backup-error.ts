/** The backup and restore commands' one error type: a closed set of codes, each an exit status. */
export const backupErrorCodes = {
  INVALID_ARGUMENT: 2,
  NOT_FOUND: 3,
  FAILED_PRECONDITION: 4,
  UNAVAILABLE: 5,
  INTERNAL: 1,
} as const;
export type BackupErrorCode = keyof typeof backupErrorCodes;

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}
