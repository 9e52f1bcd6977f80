import { contextBridge, ipcRenderer } from 'electron';
contextBridge.exposeInMainWorld('unionLedger', {
  invoke: (op: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('union-ledger:invoke', op, input),
});
