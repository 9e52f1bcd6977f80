import type { AppErrorData, ErrorCode } from '../contract/errors';

/** An error meant for the user: Chinese message, optional field and rule citation. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; rule?: string } = {},
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

/**
 * Thrown by a handler when the refusal itself must be recorded (a failed login counts
 * toward lockout and lands in the audit trail): the dispatcher commits, then reports the error.
 */
export class CommittedRefusal extends CoreError {}
