// reports.export: every book and statement of the sample month (tests/helpers/ledger-month.ts) as PDF
// and xlsx. The PDFs are read with poppler (pdffonts, pdftotext -layout), the workbooks with exceljs;
// each figure must read exactly as the on-screen result of the same read operation (formatYuan of the
// same integer 分; xlsx cells × 100 = the integer). A 明细账 of ~120 postings checks 过次页 / 承前页.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { formatYuan } from '../../src/main/contract/money';
import type { OpInput } from '../../src/main/contract/operations';
import type { ClientRef } from '../../src/main/core/context';
import { openLedgerMonth, postSampleMonth, SAMPLE, type LedgerMonth } from '../helpers/ledger-month';

// REPORTS_TEST_OUT=/some/dir keeps the files for a look (pdftoppm -png -r 70 …).
const outDir = process.env['REPORTS_TEST_OUT'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'reports-test-'));
fs.mkdirSync(outDir, { recursive: true });

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

interface Exported {
  filename: string;
  file: string;
  mimeType: string;
}

async function exportReport(m: LedgerMonth, who: ClientRef, input: OpInput<'reports.export'>, tag = ''): Promise<Exported> {
  const r = await m.l.call(who, 'reports.export', input);
  const file = path.join(outDir, `${tag}${r.filename}`);
  fs.writeFileSync(file, Buffer.from(r.base64, 'base64'));
  return { filename: r.filename, file, mimeType: r.mimeType };
}

/** The pages of a PDF as pdftotext -layout reads them. */
const pdfPages = (file: string): string[] =>
  run('pdftotext', ['-layout', file, '-'])
    .split('\f')
    .filter((p) => p.trim() !== '');

function expectNotoOnly(file: string): void {
  const fonts = run('pdffonts', [file]).trim().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) {
    expect(line).toMatch(/NotoSansSC-(Regular|Bold)/);
    const cols = line.trim().split(/\s+/);
    expect(cols[cols.length - 5], line).toBe('yes'); // emb
  }
}

/** The first text line containing every needle. */
function lineWith(text: string, ...needles: string[]): string {
  const found = text.split('\n').find((l) => needles.every((n) => l.includes(n)));
  if (found === undefined) throw new Error(`no line with ${needles.join(' + ')} in:\n${text}`);
  return found;
}

/** Money strings of a text line, in order. */
const figures = (line: string): string[] => line.match(/-?\d{1,3}(?:,\d{3})*\.\d{2}/g) ?? [];

async function readSheets(file: string): Promise<ExcelJS.Worksheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets;
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
/** A money cell as integer 分 (blank = 0). */
const fen = (v: ExcelJS.CellValue): number => (typeof v === 'number' ? Math.round(v * 100) : v === null || v === undefined || v === '' ? 0 : NaN);

/** The worksheet row whose cell in `col` (1-based) reads `label` (trimmed of full-width indents). */
function sheetRow(ws: ExcelJS.Worksheet, col: number, label: string): ExcelJS.Row {
  let hit: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!hit && text(row.getCell(col).value).replace(/^[\s　]+/, '') === label) hit = row;
  });
  if (!hit) throw new Error(`no row ${label} in sheet ${ws.name}`);
  return hit;
}

const SIGNATURES = ['工会主席：', '财务负责人：', '复核：', '制表：', '制表日期：2026年3月31日'];

describe('reports.export on the sample month', () => {
  let m: LedgerMonth;

  beforeAll(async () => {
    m = await openLedgerMonth();
    await postSampleMonth(m);
  });
  afterAll(() => m.l.close());

  it('科目余额表: title, header, every row and the totals exactly as books.trialBalance (PDF and xlsx)', async () => {
    const tb = await m.l.call(m.zhuguan, 'books.trialBalance', { from: '2026-01', to: '2026-03' });
    const pdf = await exportReport(m, m.zhuguan, { report: 'trialBalance', from: '2026-01', to: '2026-03', format: 'pdf' });
    expect(pdf.filename).toBe('科目余额表-2026年1月至3月.pdf');
    expect(pdf.mimeType).toBe('application/pdf');
    expectNotoOnly(pdf.file);
    const pages = pdfPages(pdf.file);
    const all = pages.join('\n');
    expect(pages[0]).toContain('科目余额表');
    expect(all).toContain('编制单位：某某公司工会委员会（公章）');
    expect(all).toContain('2026年1月至3月');
    expect(all).toContain('单位：元');
    for (const h of ['期初余额', '本期发生额', '期末余额', '科目编码', '科目名称']) expect(all).toContain(h);
    for (const s of SIGNATURES) expect(pages.at(-1)).toContain(s);
    const t = tb.totals;
    expect(figures(lineWith(all, '合计'))).toEqual([t.openingDebit, t.openingCredit, t.debit, t.credit, t.closingDebit, t.closingCredit].map((x) => formatYuan(x)));
    // 102 银行存款: 期初 0 (blank), 本期 借 / 贷, 期末 借.
    const bank = tb.rows.find((r) => r.code === '102')!;
    expect(figures(lineWith(all, '102', '银行存款'))).toEqual([formatYuan(bank.debit), formatYuan(bank.credit), formatYuan(bank.closingDebit)]);
    expect(bank.closingDebit).toBe(SAMPLE.bankClosing);

    const xlsx = await exportReport(m, m.zhuguan, { report: 'trialBalance', from: '2026-01', to: '2026-03', format: 'xlsx' });
    expect(xlsx.filename).toBe('科目余额表-2026年1月至3月.xlsx');
    const [ws] = await readSheets(xlsx.file);
    expect(text(ws!.getCell(1, 1).value)).toBe('科目余额表');
    const total = sheetRow(ws!, 1, '合计');
    expect([3, 4, 5, 6, 7, 8].map((c) => fen(total.getCell(c).value))).toEqual([t.openingDebit, t.openingCredit, t.debit, t.credit, t.closingDebit, t.closingCredit]);
    for (const r of tb.rows) {
      const row = sheetRow(ws!, 1, r.code);
      expect(text(row.getCell(2).value).trim(), r.code).toBe(r.name);
      expect([3, 4, 5, 6, 7, 8].map((c) => fen(row.getCell(c).value)), r.code).toEqual([r.openingDebit, r.openingCredit, r.debit, r.credit, r.closingDebit, r.closingCredit]);
      expect(row.getCell(1).font?.bold ?? false, r.code).toBe(r.level === 1);
    }
  });

  it('总账: 年初余额 平 / Ｑ, 本月合计 and 本年累计 per month with red rules, the closing balance', async () => {
    const gl = await m.l.call(m.zhuguan, 'books.generalLedger', { accountCode: '102', year: 2026 });
    const pdf = await exportReport(m, m.zhuguan, { report: 'generalLedger', accountCode: '102', year: 2026, format: 'pdf' });
    expect(pdf.filename).toBe('总账-102银行存款-2026年度.pdf');
    expectNotoOnly(pdf.file);
    const all = pdfPages(pdf.file).join('\n');
    expect(all).toContain('总账');
    expect(all).toContain('科目：102 银行存款');
    expect(all).toContain('2026年度');
    // The ledger starts in 2026: 年初余额 with a nil balance.
    expect(gl.lines[0]).toMatchObject({ summary: '年初余额', direction: '平', balance: 0 });
    const opening = lineWith(all, '年初余额');
    expect(opening).toContain('平');
    expect(opening).toContain('Ｑ');
    const months = gl.lines.filter((l) => l.kind === 'month_total');
    const years = gl.lines.filter((l) => l.kind === 'year_total');
    expect(months.length).toBe(2);
    const pdfLines = all.split('\n');
    const monthLines = pdfLines.filter((l) => l.includes('本月合计'));
    const yearLines = pdfLines.filter((l) => l.includes('本年累计'));
    months.forEach((l, i) => expect(figures(monthLines[i]!)).toEqual([formatYuan(l.debit!), formatYuan(l.credit!), formatYuan(l.balance)]));
    years.forEach((l, i) => expect(figures(yearLines[i]!)).toEqual([formatYuan(l.debit!), formatYuan(l.credit!), formatYuan(l.balance)]));
    expect(figures(yearLines.at(-1)!).at(-1)).toBe(formatYuan(SAMPLE.bankClosing));

    const xlsx = await exportReport(m, m.zhuguan, { report: 'generalLedger', accountCode: '102', year: 2026, format: 'xlsx' });
    const [ws] = await readSheets(xlsx.file);
    const openRow = sheetRow(ws!, 3, '年初余额');
    expect([text(openRow.getCell(6).value), text(openRow.getCell(7).value)]).toEqual(['平', 'Ｑ']);
    let seen = 0;
    ws!.eachRow((row) => {
      const label = text(row.getCell(3).value);
      if (label !== '本月合计' && label !== '本年累计') return;
      const line = (label === '本月合计' ? months : years)[Math.floor(seen++ / 2)]!;
      expect([fen(row.getCell(4).value), fen(row.getCell(5).value), fen(row.getCell(7).value)]).toEqual([line.debit, line.credit, line.balance]);
      // The single red rule under 本月合计 and 本年累计.
      expect(row.getCell(3).border?.bottom?.color?.argb).toBe('FFD40000');
    });
    expect(seen).toBe(4);
  });

  it('明细账: 年 over 月/日, 凭证字号, every entry and the running balance as books.detailLedger', async () => {
    const dl = await m.l.call(m.zhuguan, 'books.detailLedger', { accountCode: '102', from: '2026-03-01', to: '2026-03-31' });
    const pdf = await exportReport(m, m.zhuguan, { report: 'detailLedger', accountCode: '102', from: '2026-03-01', to: '2026-03-31', format: 'pdf' });
    expect(pdf.filename).toBe('明细账-102银行存款-2026年3月.pdf');
    expectNotoOnly(pdf.file);
    const all = pdfPages(pdf.file).join('\n');
    for (const s of ['明细账', '2026年', '凭证字号', '借或贷', '科目：102 银行存款', ...SIGNATURES]) expect(all).toContain(s);
    for (const l of dl.lines.filter((x) => x.kind === 'entry')) {
      const line = lineWith(all, `${l.voucherNo!} `, l.summary);
      expect(figures(line), l.summary).toEqual([formatYuan(l.debit || l.credit!), formatYuan(l.balance)]);
    }
    const monthTotal = dl.lines.find((l) => l.kind === 'month_total')!;
    expect(figures(lineWith(all, '本月合计'))).toEqual([formatYuan(monthTotal.debit!), formatYuan(monthTotal.credit!), formatYuan(monthTotal.balance)]);
    expect(monthTotal.debit).toBe(SAMPLE.bankDebitMarch);

    const xlsx = await exportReport(m, m.zhuguan, { report: 'detailLedger', accountCode: '102', from: '2026-03-01', to: '2026-03-31', format: 'xlsx' });
    const [ws] = await readSheets(xlsx.file);
    const row = sheetRow(ws!, 4, '本月合计');
    expect([fen(row.getCell(5).value), fen(row.getCell(6).value), text(row.getCell(7).value), fen(row.getCell(8).value)]).toEqual([
      monthTotal.debit,
      monthTotal.credit,
      monthTotal.direction,
      monthTotal.balance,
    ]);
  });

  it('日记账: 银行存款 and 现金 journals with 对方科目, 本日合计 and the closing balance', async () => {
    const bank = await m.l.call(m.chuna, 'books.journal', { kind: 'bank', from: '2026-03-01', to: '2026-03-31' });
    const pdf = await exportReport(m, m.chuna, { report: 'journal', kind: 'bank', from: '2026-03-01', to: '2026-03-31', format: 'pdf' });
    expect(pdf.filename).toBe('银行存款日记账-2026年3月.pdf');
    expectNotoOnly(pdf.file);
    const all = pdfPages(pdf.file).join('\n');
    for (const s of ['银行存款日记账', '对方科目', '本日合计', ...SIGNATURES]) expect(all).toContain(s);
    const dues = bank.books[0]!.lines.find((l) => l.summary === '收3月会费')!;
    expect(dues.counterAccounts).toBe('401 会费收入');
    expect(figures(lineWith(all, '收3月会费', '401 会费收入'))).toEqual([formatYuan(dues.debit!), formatYuan(dues.balance)]);
    const closing = bank.books[0]!.closing;
    expect(figures(lineWith(all, '本月合计')).at(-1)).toBe(formatYuan(closing.amount));

    const cash = await exportReport(m, m.chuna, { report: 'journal', kind: 'cash', accountCode: '101', from: '2026-03-01', to: '2026-03-31', format: 'xlsx' });
    expect(cash.filename).toBe('现金日记账-101库存现金-2026年3月.xlsx');
    const [ws] = await readSheets(cash.file);
    expect(text(ws!.getCell(1, 1).value)).toBe('现金日记账');
    const total = sheetRow(ws!, 4, '本月合计');
    expect(fen(total.getCell(9).value)).toBe(SAMPLE.cashClosing);
  });

  it('资产负债表 (工会01表): both sides of the form, 货币资金 and the totals on one line', async () => {
    const bs = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-03' });
    const pdf = await exportReport(m, m.zhuguan, { report: 'balanceSheet', period: '2026-03', format: 'pdf' });
    expect(pdf.filename).toBe('资产负债表-2026年3月.pdf');
    expectNotoOnly(pdf.file);
    const all = pdfPages(pdf.file).join('\n');
    for (const s of ['资产负债表', '工会01表', '编制单位：某某公司工会委员会（公章）', '2026年3月31日', '单位：元', '年初余额', '期末余额', '负债和净资产', ...SIGNATURES]) {
      expect(all).toContain(s);
    }
    const cash = bs.rows.find((r) => r.label === '货币资金')!;
    expect(cash.closing).toBe(SAMPLE.bankClosing + SAMPLE.cashClosing);
    // 货币资金 (行次 1) and 应付职工薪酬 on the same printed line.
    const cashLine = lineWith(all, '货币资金');
    expect(cashLine).toContain('应付职工薪酬');
    expect(figures(cashLine)[0]).toBe(formatYuan(cash.closing!));
    const totals = lineWith(all, '资产总计', '负债与净资产总计');
    expect(figures(totals)).toEqual([bs.totals.assets.opening, bs.totals.assets.closing, bs.totals.liabilitiesAndNetAssets.opening, bs.totals.liabilitiesAndNetAssets.closing].map((x) => formatYuan(x)));
    expect(all).toContain('未结转的收支差额');

    const xlsx = await exportReport(m, m.zhuguan, { report: 'balanceSheet', period: '2026-03', format: 'xlsx' });
    const [ws] = await readSheets(xlsx.file);
    const row = sheetRow(ws!, 1, '货币资金');
    expect([text(row.getCell(2).value), fen(row.getCell(3).value), fen(row.getCell(4).value)]).toEqual(['1', cash.opening, cash.closing]);
    const tot = sheetRow(ws!, 1, '资产总计');
    expect(text(tot.getCell(5).value)).toBe('负债与净资产总计');
    expect([3, 4, 7, 8].map((c) => fen(tot.getCell(c).value))).toEqual([
      bs.totals.assets.opening,
      bs.totals.assets.closing,
      bs.totals.liabilitiesAndNetAssets.opening,
      bs.totals.liabilitiesAndNetAssets.closing,
    ]);
    // Every figure line of the result is on the sheet with its 行次 and amounts.
    for (const r of bs.rows.filter((x) => x.lineNo !== null)) {
      let found = false;
      ws!.eachRow((wr) => {
        for (const c of [1, 5]) {
          if (text(wr.getCell(c).value).replace(/^[\s　]+/, '') !== r.label) continue;
          found = true;
          expect([text(wr.getCell(c + 1).value), fen(wr.getCell(c + 2).value), fen(wr.getCell(c + 3).value)], r.label).toEqual([String(r.lineNo), r.opening, r.closing]);
        }
      });
      expect(found, r.label).toBe(true);
    }
  });

  it('收入支出表 (工会02表): monthly 本月数 / 本年累计数 and annual 本年数 / 上年数', async () => {
    const is = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-03' });
    const pdf = await exportReport(m, m.zhuguan, { report: 'incomeStatement', period: '2026-03', format: 'pdf' });
    expect(pdf.filename).toBe('收入支出表-2026年3月.pdf');
    expectNotoOnly(pdf.file);
    const all = pdfPages(pdf.file).join('\n');
    for (const s of ['收入支出表', '工会02表', '2026年3月', '本月数', '本年累计数', '行次', ...SIGNATURES]) expect(all).toContain(s);
    const rev = is.totals.revenue;
    expect(rev.current).toBe(SAMPLE.revenueMarch);
    expect(figures(lineWith(all, '二、收入合计'))).toEqual([formatYuan(rev.current), formatYuan(rev.comparative!)]);
    expect(figures(lineWith(all, '三、支出合计'))).toEqual([formatYuan(is.totals.expenditure.current), formatYuan(is.totals.expenditure.comparative!)]);
    expect(figures(lineWith(all, '本期收支差额'))).toEqual([formatYuan(is.totals.surplus.current), formatYuan(is.totals.surplus.comparative!)]);
    expect(lineWith(all, '（一）会费收入')).toContain(formatYuan(128_050));

    const xlsx = await exportReport(m, m.zhuguan, { report: 'incomeStatement', period: '2026-03', format: 'xlsx' });
    const [ws] = await readSheets(xlsx.file);
    is.rows.forEach((r, i) => {
      const label = r.indent === 0 ? `${r.lineNo}、${r.label}` : `${r.lineNo.replace('(', '（').replace(')', '）')}${r.label}`;
      const row = sheetRow(ws!, 1, label);
      expect([text(row.getCell(2).value), fen(row.getCell(3).value), fen(row.getCell(4).value)], label).toEqual([String(i + 1), (r.current ?? 0) + 0, (r.comparative ?? 0) + 0]); // + 0: -0 reads as 0
    });

    const annual = await exportReport(m, m.zhuguan, { report: 'incomeStatement', period: '2026-03', annual: true, format: 'pdf' });
    expect(annual.filename).toBe('收入支出表-2026年度.pdf');
    const text2 = pdfPages(annual.file).join('\n');
    for (const s of ['本年数', '上年数', '一、年初资金结转结余', '年末资金结转结余', '首个会计年度，无上年数']) expect(text2).toContain(s);
  });

  it('takes paper and orientation, refuses a caller outside the book readers, names the missing field', async () => {
    const a3 = await exportReport(m, m.zhuguan, { report: 'balanceSheet', period: '2026-03', format: 'pdf', paper: 'A3', orientation: 'landscape' }, 'a3-');
    const info = run('pdfinfo', [a3.file]);
    expect(info).toMatch(/Page size:\s+1190\.\d+ x 841\.\d+ pts/);
    const admin = { clientId: 'admin', host: 'test' } as const;
    await expect(m.l.call(admin, 'reports.export', { report: 'trialBalance', from: '2026-03', to: '2026-03', format: 'pdf' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // @ts-expect-error accountCode is required for a 明细账
    await expect(m.l.call(m.zhuguan, 'reports.export', { report: 'detailLedger', from: '2026-03-01', to: '2026-03-31', format: 'pdf' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: '请选择会计科目',
      extra: { field: 'accountCode' },
    });
  });
});

describe('reports.export: a 明细账 over several pages', () => {
  let m: LedgerMonth;
  const N = 120;

  beforeAll(async () => {
    m = await openLedgerMonth();
    for (let i = 1; i <= N; i++) {
      const amount = 10_000 + ((i * 7_919) % 90_000) + (i % 100);
      const day = String(1 + Math.floor((i - 1) / 4.2)).padStart(2, '0');
      if (i % 5 === 0) {
        await m.post(`2026-03-${day}`, [
          { summary: `支付第${i}笔职工活动费用`, accountCode: '50102', debit: amount, fundNature: 'general', expenseType: 'basic' },
          { summary: `支付第${i}笔职工活动费用`, accountCode: '102', credit: amount },
        ]);
      } else {
        await m.post(`2026-03-${day}`, [
          { summary: `收第${i}笔会费`, accountCode: '102', debit: amount },
          { summary: `收第${i}笔会费`, accountCode: '401', credit: amount, fundNature: 'general' },
        ]);
      }
    }
  }, 120_000);
  afterAll(() => m.l.close());

  it('ends each page with 过次页 (month-to-date sums, last balance) and opens the next with the same 承前页', async () => {
    const dl = await m.l.call(m.zhuguan, 'books.detailLedger', { accountCode: '102', from: '2026-03-01', to: '2026-03-31' });
    const entries = dl.lines.filter((l) => l.kind === 'entry');
    expect(entries.length).toBe(N);
    const pdf = await exportReport(m, m.zhuguan, { report: 'detailLedger', accountCode: '102', from: '2026-03-01', to: '2026-03-31', format: 'pdf' }, 'long-');
    expectNotoOnly(pdf.file);
    const pages = pdfPages(pdf.file);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(lineWith(pages[0]!, '期初余额')).toContain('Ｑ');
    for (let p = 0; p < pages.length - 1; p++) {
      const page = pages[p]!;
      // The last entry printed on this page: the highest 记-n on it.
      const nos = [...page.matchAll(/记-(\d+)/g)].map((x) => Number(x[1]));
      const lastNo = Math.max(...nos);
      const upTo = entries.findIndex((e) => e.voucherNo === `记-${lastNo}`);
      expect(upTo, `page ${p + 1}`).toBeGreaterThanOrEqual(0);
      const done = entries.slice(0, upTo + 1);
      const debit = done.reduce((s, e) => s + e.debit!, 0);
      const credit = done.reduce((s, e) => s + e.credit!, 0);
      const last = entries[upTo]!;
      const expected = [formatYuan(debit), formatYuan(credit), formatYuan(last.balance)];
      const out = lineWith(page, '过次页');
      expect(figures(out), `page ${p + 1} 过次页`).toEqual(expected);
      expect(out).toContain(last.direction);
      const into = lineWith(pages[p + 1]!, '承前页');
      expect(figures(into), `page ${p + 2} 承前页`).toEqual(expected);
      expect(pages[p + 1]).toContain(`第 ${p + 2} 页 共 ${pages.length} 页`);
    }
    expect(pages.at(-1)).not.toContain('过次页');
    const monthTotal = dl.lines.find((l) => l.kind === 'month_total')!;
    expect(figures(lineWith(pages.at(-1)!, '本月合计'))).toEqual([formatYuan(monthTotal.debit!), formatYuan(monthTotal.credit!), formatYuan(monthTotal.balance)]);
    for (const s of SIGNATURES) expect(pages.at(-1)).toContain(s);
    expect(pages[0]).not.toContain('工会主席：');

    // The workbook has the figures without the page rows.
    const xlsx = await exportReport(m, m.zhuguan, { report: 'detailLedger', accountCode: '102', from: '2026-03-01', to: '2026-03-31', format: 'xlsx' }, 'long-');
    const [ws] = await readSheets(xlsx.file);
    let debit = 0;
    let count = 0;
    ws!.eachRow((row) => {
      const no = text(row.getCell(3).value);
      if (!no.startsWith('记-')) return;
      count++;
      debit += fen(row.getCell(5).value);
    });
    expect(count).toBe(N);
    expect(debit).toBe(monthTotal.debit);
    expect(JSON.stringify(ws!.getSheetValues())).not.toContain('过次页');
  });
});
