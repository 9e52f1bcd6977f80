// The renderer's only way to the core: one typed `call` over the one contract.
// In the desktop app it goes through the preload's invoke (IPC); in browser mode through
// POST /api/invoke with the CSRF header. Either way the core validates and authorizes.
import type { OpInput, OpName, OpResult } from '@contract/operations';
import type { AppErrorData, Envelope } from '@contract/errors';

declare global {
  interface Window {
    unionLedger?: { invoke(op: string, input: unknown): Promise<Envelope<unknown>> };
  }
}

export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
  }
  get code() {
    return this.data.code;
  }
  get field() {
    return this.data.field;
  }
}

function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)ul_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]!) : '';
}

async function invokeHttp(op: string, input: unknown): Promise<Envelope<unknown>> {
  let res: Response;
  try {
    res = await fetch('/api/invoke', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken() },
      body: JSON.stringify({ op, input }),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认“工会经费账簿”仍在运行。' } };
  }
  try {
    return (await res.json()) as Envelope<unknown>;
  } catch {
    if (res.status === 403) {
      // The server refused this browser (its access cookie is gone): only a new one-time link helps.
      return { ok: false, error: { code: 'FORBIDDEN', message: '本页面的访问凭证已失效，请使用启动时打印的新一次性链接重新打开。' } };
    }
    return { ok: false, error: { code: 'INTERNAL', message: `服务返回了无法识别的响应（HTTP ${res.status}）。` } };
  }
}

/** Listeners told when the session ended (expired or logged out elsewhere). */
const unauthenticatedListeners = new Set<(message: string) => void>();
export function onUnauthenticated(fn: (message: string) => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

export async function call<N extends OpName>(op: N, input: OpInput<N>): Promise<OpResult<N>> {
  const env = window.unionLedger ? await window.unionLedger.invoke(op, input) : await invokeHttp(op, input);
  if (!env.ok) {
    if (env.error.code === 'UNAUTHENTICATED' && op !== 'session.login') {
      for (const fn of unauthenticatedListeners) fn(env.error.message);
    }
    throw new ApiError(env.error);
  }
  return env.value as OpResult<N>;
}

/** Saves a file returned by an export operation (both hosts download through the browser). */
export function saveFile(file: { filename: string; mimeType: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
