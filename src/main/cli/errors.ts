// Exit codes of union-ledger and the error that carries one.
export const EXIT = {
  OK: 0,
  /** Usage, validation, authentication or authorization error. */
  USAGE: 1,
  /** Verification failed: tampering or corruption. */
  VERIFY_FAILED: 2,
  /** The file does not exist or cannot be opened. */
  CANNOT_OPEN: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure meant for the user: one line on stderr, then exit with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.USAGE,
    /** The underlying failure, shown with DEBUG=union-ledger. */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CliError';
  }
}
