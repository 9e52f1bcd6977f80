// reports.export: a book or statement as PDF or Excel. The figures come from the very handlers of
// books.* and statements.* (called inside this call's read-only transaction); this module only
// lays them out (./books.ts, ./statements.ts) and renders them after the commit.
import type { Handler, ServiceContext } from '../context';
import { afterCommit, AfterCommit } from '../context';
import { CoreError } from '../errors';
import { renderTablesPdf, renderTablesXlsx, type TableDoc } from '../print';
import { detailLedger, generalLedger, journal } from '../ledger/books';
import { trialBalance } from '../ledger/trial-balance';
import { balanceSheet, incomeStatement } from '../ledger/statements';
import { DEFAULT_SIGNATURES, madeOn, safeFilename } from './common';
import { detailLedgerDoc, generalLedgerDoc, journalDocs, trialBalanceDoc, type DocBase } from './books';
import { balanceSheetDoc, incomeStatementDoc } from './statements';
import { assetRegisterDoc, bankReconciliationDoc, voucherJournalDoc } from './registers';
import { getReconciliation } from '../entries/bank';
import { listAssets } from '../entries/assets';
import { voucherDetail } from '../books/vouchers';

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The ledger read handlers return their result directly; never a deferred one. */
function plain<R>(r: R | AfterCommit<R>): R {
  if (r instanceof AfterCommit) throw new CoreError('INTERNAL', '账簿查询返回了延迟结果，无法打印。');
  return r;
}

const unionName = (ctx: ServiceContext): string => ctx.db.first(ctx.db.q.selectFrom('union_profile').select('name'))?.name ?? '';

export const exportReport: Handler<'reports.export'> = (ctx, input) => {
  const base: DocBase = { signatures: [...DEFAULT_SIGNATURES], signDate: madeOn(ctx.now) };
  let docs: TableDoc[];
  let name: string;
  switch (input.report) {
    case 'trialBalance': {
      const r = plain(trialBalance(ctx, input));
      docs = [trialBalanceDoc(r, base)];
      name = `科目余额表-${r.periodLabel}`;
      break;
    }
    case 'generalLedger': {
      const r = plain(generalLedger(ctx, input));
      docs = [generalLedgerDoc(r, base)];
      name = `总账-${r.account.code}${r.account.name}-${r.periodLabel}`;
      break;
    }
    case 'detailLedger': {
      const r = plain(detailLedger(ctx, input));
      docs = [detailLedgerDoc(r, base)];
      name = `明细账-${r.account.code}${r.account.name}-${r.periodLabel}`;
      break;
    }
    case 'journal': {
      const r = plain(journal(ctx, input));
      docs = journalDocs(r, base);
      if (docs.length === 0) throw new CoreError('NOT_FOUND', `没有可打印的${r.title}：该科目下没有启用的明细科目。`, { field: 'accountCode' });
      const one = r.books.length === 1 && input.accountCode !== undefined ? `-${r.books[0]!.account.code}${r.books[0]!.account.name}` : '';
      name = `${r.title}${one}-${r.periodLabel}`;
      break;
    }
    case 'balanceSheet': {
      const r = plain(balanceSheet(ctx, input));
      docs = [balanceSheetDoc(r, base)];
      name = `${r.title}-${r.periodLabel}`;
      break;
    }
    case 'incomeStatement': {
      const r = plain(incomeStatement(ctx, input));
      docs = [incomeStatementDoc(r, base)];
      name = `${r.title}-${r.periodLabel}`;
      break;
    }
    case 'bankReconciliation': {
      const r = plain(getReconciliation(ctx, input));
      docs = [bankReconciliationDoc(r, unionName(ctx), base)];
      name = `银行存款余额调节表-${r.bankAccountCode}${r.bankAccountName}-${r.period}`;
      break;
    }
    case 'assetRegister': {
      const r = plain(listAssets(ctx, input));
      docs = [assetRegisterDoc(r, unionName(ctx), base)];
      name = `固定资产卡片账-${r.asOf}`;
      break;
    }
    case 'voucherJournal': {
      if (input.from > input.to) throw new CoreError('VALIDATION', '开始期间不能晚于结束期间。', { field: 'from' });
      const ids = ctx.db.all(
        ctx.db.q
          .selectFrom('vouchers')
          .select('id')
          .where('status', '=', 'posted')
          .where('period', '>=', input.from)
          .where('period', '<=', input.to)
          .orderBy('period')
          .orderBy('word')
          .orderBy('number'),
      );
      const label = input.from === input.to ? input.from : `${input.from}至${input.to}`;
      docs = [voucherJournalDoc(ids.map((r) => voucherDetail(ctx, r.id)), unionName(ctx), label, base)];
      name = `凭证汇总表-${label}`;
      break;
    }
  }
  const { format, paper, orientation } = input;
  const finalDocs = docs.map((d) => ({ ...d, ...(paper ? { paper } : {}), ...(orientation ? { orientation } : {}) }));
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderTablesPdf(finalDocs) : await renderTablesXlsx(finalDocs);
    return { filename: `${safeFilename(name)}.${format}`, mimeType: MIME[format], base64: file.toString('base64') };
  });
};
