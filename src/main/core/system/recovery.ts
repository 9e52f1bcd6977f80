// A host's hold on its ledger when the file may not open: the browser-mode server (and tests)
// dispatch through a LedgerSlot. With the ledger open it is the core; when the file was refused as
// damaged, foreign or emptied, setup.status answers with the reason (the renderer's start page shows
// it) and system.recovery.restoreLatest restores the newest good backup and opens it — never a
// crash and never a silently created empty ledger (issue 7).
import type { Envelope } from '../../contract/errors';
import { RECOVERY_OFFER_FIELD } from '../../contract/system';
import { LedgerOpenProblem, openCore, type Core, type CoreOptions } from '../core';
import type { ClientRef } from '../context';
import { newestGoodBackup, restoreClosedLedger } from './restore';

export class LedgerSlot {
  private constructor(
    readonly file: string,
    private readonly opts: CoreOptions,
    public core: Core | null,
    public problem: LedgerOpenProblem | null,
  ) {}

  /** Opens `file`; a LedgerOpenProblem leaves the slot in recovery mode, anything else throws. */
  static async open(file: string, opts: CoreOptions = {}): Promise<LedgerSlot> {
    try {
      return new LedgerSlot(file, opts, await openCore(file, opts), null);
    } catch (e) {
      if (e instanceof LedgerOpenProblem) return new LedgerSlot(file, opts, null, e);
      throw e;
    }
  }

  async dispatch(client: ClientRef, op: string, input: unknown): Promise<Envelope<unknown>> {
    if (this.core) return this.core.dispatch(client, op, input);
    if (op === 'setup.status') {
      // 重试 on the start page: the file may have been restored meanwhile (union-ledger restore --latest).
      try {
        this.core = await openCore(this.file, this.opts);
        this.problem = null;
        return this.core.dispatch(client, op, input);
      } catch (e) {
        if (e instanceof LedgerOpenProblem) this.problem = e;
        else return { ok: false, error: { code: 'CONFLICT', message: e instanceof Error ? e.message : String(e) } };
      }
    }
    const problem = this.problem!;
    if (op === 'setup.status') {
      return { ok: false, error: { code: 'CONFLICT', message: problem.message, ...(problem.offer ? { field: RECOVERY_OFFER_FIELD } : {}) } };
    }
    if (op === 'system.recovery.restoreLatest') {
      try {
        const good = newestGoodBackup(this.file, new Date());
        if (!good) return { ok: false, error: { code: 'NOT_FOUND', message: '备份文件夹中没有通过检查的备份，无法自动恢复。' } };
        const { aside } = await restoreClosedLedger(this.file, good.path, null, { userId: null, username: null, host: client.host }, `账簿无法打开（${problem.message}），从最近的完好备份恢复`);
        this.core = await openCore(this.file, this.opts);
        this.problem = null;
        return { ok: true, value: { restoredFrom: good.path, aside } };
      } catch (e) {
        return { ok: false, error: { code: 'CONFLICT', message: e instanceof Error ? e.message : String(e) } };
      }
    }
    return { ok: false, error: { code: 'CONFLICT', message: problem.message } };
  }

  close(): void {
    this.core?.close();
    this.core = null;
  }
}
