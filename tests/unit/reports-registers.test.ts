// The 银行存款余额调节表, 固定资产卡片账 and 凭证汇总表 print and export with the figures of the
// operations behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { formatYuan } from '../../src/main/contract/money';
import { openLedgerMonth, postSampleMonth, type LedgerMonth } from '../helpers/ledger-month';

let m: LedgerMonth;
beforeAll(async () => {
  m = await openLedgerMonth();
  await postSampleMonth(m);
});
afterAll(() => m.l.close());

async function exported(input: Parameters<LedgerMonth['l']['call']>[2] & object, ext: 'pdf' | 'xlsx') {
  const r = await m.l.call(m.kuaiji, 'reports.export', input as never);
  const file = path.join(m.l.dir, r.filename);
  fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
  expect(r.filename.endsWith(`.${ext}`)).toBe(true);
  return file;
}
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('registers as printed documents', () => {
  it('prints the bank reconciliation with both adjusted balances, as saved', async () => {
    const banks = await m.l.call(m.kuaiji, 'bank.reconciliation.status', { period: '2026-03' });
    const bank = banks[0]!;
    const saved = await m.l.call(m.kuaiji, 'bank.reconciliation.save', {
      period: '2026-03',
      bankAccountCode: bank.bankAccountCode,
      statementBalanceFen: bank.bookBalanceFen + 5000,
      items: [{ kind: 'bank_received_not_booked', date: '2026-03-31', description: '银行利息', amountFen: 5000 }],
    });
    expect(saved.agreed).toBe(true);
    const pdf = text(await exported({ report: 'bankReconciliation', period: '2026-03', bankAccountCode: bank.bankAccountCode, format: 'pdf' }, 'pdf'));
    expect(pdf).toMatch(/银\s*行\s*存\s*款\s*余\s*额\s*调\s*节\s*表/);
    expect(pdf).toContain('调节后余额相符');
    expect(pdf).toContain('银行利息');
    expect(pdf).toContain(formatYuan(saved.adjustedBookFen));
  });

  it('exports the 凭证汇总表 of the month with every posted line and the same totals', async () => {
    const list = await m.l.call(m.kuaiji, 'vouchers.list', { period: '2026-03', status: 'posted', pageSize: 200 });
    const total = list.rows.reduce((s, v) => s + v.total, 0);
    const file = await exported({ report: 'voucherJournal', from: '2026-03', to: '2026-03', format: 'xlsx' }, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    let last: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (String(row.getCell(1).value) === '合计') last = row;
    });
    expect(last).toBeDefined();
    expect(Math.round(Number(last!.getCell(5).value) * 100)).toBe(total);
    expect(Math.round(Number(last!.getCell(6).value) * 100)).toBe(total);
    expect(String(last!.getCell(3).value)).toBe(`共 ${list.total} 张凭证`);
  });

  it('prints the asset register with the card and its cost', async () => {
    const bank = (await m.l.call(m.kuaiji, 'accounts.list', {})).find((a) => a.journal === 'bank' && a.leaf)!;
    await m.l.call(m.kuaiji, 'entries.assetPurchase', {
      date: '2026-03-20',
      name: '多功能一体机',
      category: 'office',
      costFen: 680000,
      lifeYears: 6,
      expenseAccountCode: '50702',
      bankAccountCode: bank.code,
      custodian: '李会计',
      fundNature: 'general',
      expenseType: 'basic',
      attachments: 1,
    });
    const pdf = text(await exported({ report: 'assetRegister', asOf: '2026-03', format: 'pdf' }, 'pdf'));
    expect(pdf).toMatch(/固\s*定\s*资\s*产\s*卡\s*片\s*账/);
    expect(pdf).toContain('截至2026年3月');
    expect(pdf).toContain('多功能一体机');
    expect(pdf).toContain('6,800.00');
    expect(pdf).toContain('未记账');
  });
});
