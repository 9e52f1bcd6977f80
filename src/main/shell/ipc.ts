// The one IPC channel: the preload's invoke(op, input) → core.dispatch → the envelope.
// The session is bound to the window (ClientRef), never to anything the renderer sends.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Envelope } from '../contract/errors';
import type { ClientRef } from '../core/context';
import { isAppUrl } from './protocol';

export const INVOKE_CHANNEL = 'union-ledger:invoke';

export function clientOf(contents: WebContents): ClientRef {
  return { clientId: `win-${contents.id}`, host: 'electron' };
}

export interface InvokeDeps {
  /** Is this our main window's web contents? */
  isMainWindow(contents: WebContents): boolean;
  dispatch(client: ClientRef, op: string, input: unknown): Promise<Envelope<unknown>>;
}

/** Only the top frame of the main window, showing our own origin, may call the core. */
function trusted(event: IpcMainInvokeEvent, deps: InvokeDeps): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && deps.isMainWindow(event.sender) && isAppUrl(frame.url);
}

export function registerInvoke(deps: InvokeDeps): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, op: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!trusted(event, deps)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '已拒绝来源不明的请求。' } };
    }
    if (typeof op !== 'string') {
      return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: '未知的操作。' } };
    }
    return deps.dispatch(clientOf(event.sender), op, input);
  });
}
