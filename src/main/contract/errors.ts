// Typed errors that cross the boundary. `message` is always Chinese and meant for the user.

export const ERROR_CODES = [
  'VALIDATION', // input failed its schema; `field` names the field
  'UNAUTHENTICATED', // not logged in, or the session expired
  'FORBIDDEN', // logged in, but the role may not do this
  'NOT_FOUND',
  'CONFLICT', // the action does not fit the current state (already done, out of order)
  'RULE', // a business rule refused it; `rule` cites the document and article
  'LOCKED', // account locked after failed logins
  'UNKNOWN_OPERATION',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, e.g. "admin.password". */
  field?: string;
  /** Citation of the rule that fired, e.g. "会计法 第三十五条". */
  rule?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
