// The sandboxed preload: the renderer gets exactly one function, invoke(op, input), and
// no access to ipcRenderer itself. The main process checks the sender and runs the core.
import { contextBridge, ipcRenderer } from 'electron';
import type { Envelope } from '../main/contract/errors';

const api = {
  invoke: (op: string, input: unknown): Promise<Envelope<unknown>> => ipcRenderer.invoke('union-ledger:invoke', String(op), input),
};

contextBridge.exposeInMainWorld('unionLedger', Object.freeze(api));
