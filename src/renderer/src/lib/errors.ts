// Mapping errors from the core onto forms: a field error goes where it arose, anything else is shown as a message.
import type { FormInstance } from 'antd';
import { ApiError } from '../api';

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return `发生意外错误：${err.message}`;
  return '发生意外错误。';
}

/**
 * Puts an ApiError on the form field it names (the core's dotted path, optionally re-rooted by
 * `prefix`), when that field is one of `fields`. Returns true when it was shown on a field;
 * false when the caller should show it some other way (message / Alert).
 */
export function showFieldError(form: FormInstance, err: unknown, fields: readonly string[], prefix?: string): boolean {
  if (!(err instanceof ApiError) || !err.field) return false;
  let path = err.field;
  if (prefix) {
    if (!path.startsWith(`${prefix}.`)) return false;
    path = path.slice(prefix.length + 1);
  }
  if (!fields.includes(path)) return false;
  form.setFields([{ name: path, errors: [err.message] }]);
  form.scrollToField(path);
  return true;
}

/** True when the form's validateFields rejected (antd shows those errors itself). */
export function isValidationReject(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'errorFields' in err;
}

/** True when the session ended; App already returns to the login page and says why. */
export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'UNAUTHENTICATED';
}

/** Shows an error as a message, except a lost session (handled by App via onUnauthenticated). */
export function reportError(messageApi: { error: (content: string) => unknown }, err: unknown): void {
  if (!isUnauthenticated(err)) messageApi.error(errorMessage(err));
}
