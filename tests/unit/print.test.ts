// The shared printing layer: a 3-page cash journal (PDF + xlsx) and 记账凭证 prints, checked with
// poppler (pdffonts, pdftotext) and by reading the workbook back with exceljs.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { formatYuan, toChineseCapital } from '../../src/main/contract/money';
import {
  carryValues,
  fenToYuanNumber,
  renderTablePdf,
  renderTableXlsx,
  renderVoucherPdf,
  voucherNumberLabel,
  PrintModelError,
  type Row,
  type TableDoc,
  type VoucherPrint,
} from '../../src/main/core/print';

// PRINT_TEST_OUT=/some/dir keeps the files for a look (pdftoppm -png -r 60 …).
const outDir = process.env['PRINT_TEST_OUT'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'print-test-'));
fs.mkdirSync(outDir, { recursive: true });

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

/** 现金日记账 for March and April: 本月合计 / 本年累计 lines, a 红字 reversal, running balance. */
function cashJournal(): { doc: TableDoc; entries: { summary: string; debit: number; credit: number }[] } {
  const rows: Row[] = [];
  const entries: { summary: string; debit: number; credit: number }[] = [];
  let balance = 8_000_000;
  let yearDebit = 1_200_000;
  let yearCredit = 900_000;
  rows.push({ cells: ['03', '01', '', '上月结转', '', null, null, '借', balance] });
  for (const [month, count] of [['03', 34], ['04', 30]] as const) {
    let mDebit = 0;
    let mCredit = 0;
    for (let i = 1; i <= count; i++) {
      const n = entries.length + 1;
      const isIn = n % 3 === 0;
      const amount = 1_000 * ((n * 37) % 900) + (n % 100) + 1; // varied 分 amounts
      const red = n === 21;
      const debit = isIn ? (red ? -amount : amount) : 0;
      const credit = isIn ? 0 : amount;
      balance += debit - credit;
      const dir = balance >= 0 ? '借' : '贷';
      mDebit += debit;
      mCredit += credit;
      const summary = n === 7 ? `业务${String(n).padStart(4, '0')} 职工春节慰问品采购（工会办公室经办，附发放签收表及增值税发票，共计三十七人份）` : `业务${String(n).padStart(4, '0')} ${isIn ? '收回备用金' : '购买办公用品'}`;
      entries.push({ summary, debit, credit });
      rows.push({
        cells: [month, String(1 + (i % 28)).padStart(2, '0'), `记-${n}`, summary, isIn ? '1221 其他应收款' : '50501 办公费', debit || null, credit || null, dir, Math.abs(balance)],
        red,
      });
    }
    yearDebit += mDebit;
    yearCredit += mCredit;
    rows.push({ cells: [month, '', '', '本月合计', '', mDebit, mCredit, balance >= 0 ? '借' : '贷', Math.abs(balance)], bold: true, total: true, redRule: 'single' });
    rows.push({ cells: [month, '', '', '本年累计', '', yearDebit, yearCredit, balance >= 0 ? '借' : '贷', Math.abs(balance)], bold: true, total: true, redRule: 'single', resetCarry: true });
  }
  const doc: TableDoc = {
    title: '现金日记账',
    subtitle: '科目：1001 库存现金',
    unitName: '某某市某某区某某有限公司工会委员会',
    period: '2026年3月—4月',
    code: '账01',
    columns: [
      { header: '月', width: 0.45, align: 'center' },
      { header: '日', width: 0.45, align: 'center' },
      { header: '凭证字号', width: 0.9, align: 'center' },
      { header: '摘要', width: 3.1 },
      { header: '对方科目', width: 1.8 },
      { header: '借方', width: 1.5, kind: 'money', carryForward: 'sum' },
      { header: '贷方', width: 1.5, kind: 'money', carryForward: 'sum' },
      { header: '借或贷', width: 0.55, align: 'center', carryForward: 'last' },
      { header: '余额', width: 1.6, kind: 'money', carryForward: 'last' },
    ],
    groupHeaders: [
      { text: '2026年', span: 2 },
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '', span: 1 },
    ],
    rows,
    notes: ['注：本账由系统根据已记账凭证生成，红字金额为冲销。'],
    signatures: ['工会主席：', '财务负责人：', '复核：', '制表：张会计'],
    signDate: '2026年5月6日',
  };
  return { doc, entries };
}

function voucher(): VoucherPrint {
  return {
    unitName: '某某有限公司工会委员会',
    word: '记',
    number: 12,
    date: '2026-03-05',
    attachments: 3,
    lines: [
      { summary: '三八妇女节会员活动场地费', accountCode: '50105', accountName: '会员活动支出', detail: '项目：三八节', debit: 123_450, credit: 0 },
      { summary: '三八妇女节会员活动用品', accountCode: '50105', accountName: '会员活动支出', detail: '项目：三八节', debit: 56_789, credit: 0 },
      { summary: '支付活动费用', accountCode: '10201', accountName: '银行存款—基本户', debit: 0, credit: 180_239 },
    ],
    signers: { supervisor: '李主管', poster: '王记账', reviewer: '赵审核', cashier: '钱出纳', preparer: '孙制单' },
    status: '已记账',
  };
}

describe('print: ledger table PDF', () => {
  const { doc, entries } = cashJournal();
  let pdfPath = '';
  let pages: string[] = [];
  let ms = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    const pdf = await renderTablePdf(doc);
    ms = performance.now() - t0;
    pdfPath = path.join(outDir, 'cash-journal.pdf');
    fs.writeFileSync(pdfPath, pdf);
    pages = run('pdftotext', ['-layout', pdfPath, '-']).split('\f').filter((p) => p.trim() !== '');
  });

  it('embeds Noto Sans SC (subset) and uses no other font', () => {
    const fonts = run('pdffonts', [pdfPath]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/NotoSansSC-(Regular|Bold)/);
      const cols = line.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: emb is the 5th field from the end.
      expect(cols[cols.length - 5]).toBe('yes');
    }
    console.log(`cash journal PDF: ${pages.length} pages in ${ms.toFixed(0)} ms`);
  });

  it('prints three pages with title, header line and page numbers', () => {
    expect(pages).toHaveLength(3);
    pages.forEach((p, i) => {
      expect(p).toContain('现金日记账');
      expect(p).toContain('编制单位：某某市某某区某某有限公司工会委员会（公章）');
      expect(p).toContain('单位：元');
      expect(p).toContain(`第 ${i + 1} 页 共 3 页`);
    });
    expect(pages[2]).toContain('制表：张会计');
    expect(pages[0]).not.toContain('制表：张会计');
  });

  it('carries the running totals: 过次页 at the foot, 承前页 at the head with the same figures', () => {
    const carries = carryValues(doc);
    for (let p = 0; p < 2; p++) {
      // The last data row on page p is the last 业务 / 合计 line before 过次页.
      const page = pages[p]!;
      const outLine = page.split('\n').find((l) => l.includes('过次页'));
      const inLine = pages[p + 1]!.split('\n').find((l) => l.includes('承前页'));
      expect(outLine, `page ${p + 1} 过次页`).toBeTruthy();
      expect(inLine, `page ${p + 2} 承前页`).toBeTruthy();
      const figures = (l: string) => l.match(/-?\d{1,3}(?:,\d{3})*\.\d{2}/g) ?? [];
      expect(figures(inLine!)).toEqual(figures(outLine!));
      // Independently: the 借方/贷方 sums of the month so far and the balance of the last row printed.
      const lastIdx = lastRowOnPage(page, doc.rows);
      const expected = carries[lastIdx]!;
      const want = [expected[5], expected[6], expected[8]].filter((v): v is number => typeof v === 'number').map((v) => formatYuan(v));
      expect(figures(outLine!)).toEqual(want);
      // And from first principles: sum the entries since the start of the month.
      const monthStart = doc.rows.findIndex((r, i) => i <= lastIdx && r.cells[0] === doc.rows[lastIdx]!.cells[0] && r.cells[2] !== '');
      let debit = 0;
      doc.rows.slice(monthStart, lastIdx + 1).forEach((r) => {
        if (!r.total && typeof r.cells[5] === 'number') debit += r.cells[5];
      });
      if (!doc.rows[lastIdx]!.resetCarry) expect(want[0]).toBe(formatYuan(debit));
    }
    expect(entries.length).toBe(64);
  });

  it('prints money right-aligned with separators, red amounts and wrapped long 摘要', () => {
    const all = pages.join('\n');
    const red = doc.rows.find((r) => r.red)!;
    expect(all).toContain(formatYuan(red.cells[5] as number)); // "-x,xxx.xx"
    expect(all).toContain('本月合计');
    expect(all).toContain('本年累计');
    expect(all).toContain('职工春节慰问品采购');
  });
});

function lastRowOnPage(pageText: string, rows: Row[]): number {
  let last = -1;
  rows.forEach((r, i) => {
    const s = String(r.cells[3] ?? '');
    const key = s.startsWith('业务') ? s.slice(0, 6) : null;
    if (key && pageText.includes(key)) last = i;
  });
  // A 合计 line right after the last entry may also be on this page.
  while (last + 1 < rows.length && rows[last + 1]!.total) {
    const label = String(rows[last + 1]!.cells[3]);
    const after = pageText.slice(pageText.lastIndexOf(String(rows[last]!.cells[3]).slice(0, 6)));
    if (!after.includes(label)) break;
    last++;
  }
  return last;
}

describe('print: ledger table xlsx', () => {
  it('writes the same figures as numbers in 元 with money formats, frozen header and print setup', async () => {
    const { doc } = cashJournal();
    const t0 = performance.now();
    const buf = await renderTableXlsx(doc);
    const ms = performance.now() - t0;
    fs.writeFileSync(path.join(outDir, 'cash-journal.xlsx'), buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('现金日记账');
    expect(ws.getCell(1, 1).value).toBe('现金日记账');
    // Find the column header row (借方 in column 6) and read every data row below it.
    let header = 0;
    ws.eachRow((row, r) => {
      if (!header && row.getCell(1).value === '月') header = r;
    });
    expect(ws.getCell(header, 6).value).toBe('借方');
    expect(ws.getCell(header - 1, 1).value).toBe('2026年');
    expect(header).toBeGreaterThan(0);
    expect(ws.getCell(header, 6).font?.bold).toBe(true);
    const fen = (v: ExcelJS.CellValue) => (typeof v === 'number' ? Math.round(v * 100) : 0);
    let debit = 0;
    let credit = 0;
    let rows = 0;
    for (let r = header + 1; r < header + 1 + doc.rows.length; r++) {
      const label = ws.getCell(r, 4).value;
      rows++;
      const d = ws.getCell(r, 6);
      if (typeof d.value === 'number') expect(d.numFmt).toMatch(/^#,##0\.00/);
      if (label === '本月合计' || label === '本年累计') continue;
      debit += fen(d.value);
      credit += fen(ws.getCell(r, 7).value);
    }
    expect(rows).toBe(doc.rows.length);
    const want = doc.rows.filter((r) => !r.total).reduce((t, r) => ({ d: t.d + ((r.cells[5] as number | null) ?? 0), c: t.c + ((r.cells[6] as number | null) ?? 0) }), { d: 0, c: 0 });
    expect(debit).toBe(want.d);
    expect(credit).toBe(want.c);
    // No 承前页 / 过次页 in Excel; negatives in the red format.
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join(' ')).not.toMatch(/承前页|过次页/);
    const redRow = header + 1 + doc.rows.findIndex((r) => r.red);
    expect(ws.getCell(redRow, 6).value).toBe(fenToYuanNumber(doc.rows.find((r) => r.red)!.cells[5] as number));
    expect(ws.getCell(header + 1, 9).numFmt).toBe('#,##0.00;[Red]-#,##0.00');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(ws.pageSetup.printTitlesRow).toBe(`${header - 1}:${header}`);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(texts).toContain('制表：张会计');
    console.log(`cash journal xlsx in ${ms.toFixed(0)} ms`);
  });

  it('converts 分 to 元 numbers that sum back exactly', () => {
    expect(fenToYuanNumber(123456)).toBe(1234.56);
    expect(fenToYuanNumber(-5)).toBe(-0.05);
    expect(fenToYuanNumber(0)).toBe(0);
    for (const f of [1, 7, 10, 99, 100, 101, 29, 57, 123456789012]) expect(Math.round(fenToYuanNumber(f) * 100)).toBe(f);
    expect(() => fenToYuanNumber(1.5)).toThrow();
  });
});

describe('print: 记账凭证', () => {
  it('prints the paper layout with 大写 total, signatures, crossed-out rows, red and draft vouchers', async () => {
    const v1 = voucher();
    const long: VoucherPrint = {
      ...voucher(),
      number: 13,
      fraction: { index: 1, of: 2 },
      status: '草稿',
      attachments: 12,
      lines: Array.from({ length: 8 }, (_, i) => ({
        summary: `发放第${i + 1}季度会员生日慰问品（按会员名册发放，附签收表）`,
        accountCode: i < 7 ? '50102' : '10201',
        accountName: i < 7 ? '会员生日慰问' : '银行存款—基本户',
        debit: i < 7 ? 10_000 * (i + 1) : 0,
        credit: i < 7 ? 0 : 280_000,
      })),
    };
    const red: VoucherPrint = {
      ...voucher(),
      number: 14,
      red: true,
      remark: '冲销 2026年3月 记字第 12 号',
      lines: v1.lines.map((l) => ({ ...l, detail: undefined, debit: -l.debit, credit: -l.credit })),
    };
    const t0 = performance.now();
    const pdf = await renderVoucherPdf([v1, long, red]);
    const ms = performance.now() - t0;
    const file = path.join(outDir, 'vouchers.pdf');
    fs.writeFileSync(file, pdf);
    const fonts = run('pdffonts', [file]).trim().split('\n').slice(2);
    for (const line of fonts) expect(line).toMatch(/NotoSansSC-(Regular|Bold)\s.*\syes\s+yes\s+yes\s/);
    const text = run('pdftotext', ['-layout', file, '-']);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2); // 4 sheets, two per A4 page
    expect(text).toMatch(/记\s*账\s*凭\s*证/);
    expect(text).toContain('2026年03月05日');
    expect(text).toContain('记字第 12 号');
    expect(text).toContain('记字第 13-1/2 号');
    expect(text).toContain('第 1 张 共 2 张');
    expect(text).toContain(toChineseCapital(180_239)); // 壹仟捌佰零贰元叁角玖分
    expect(text).toContain('1,234.50');
    expect(text).toContain('1,802.39');
    expect(text).toContain('-1,802.39');
    expect(text).toContain(toChineseCapital(-180_239));
    expect(text).toContain('50105 会员活动支出');
    expect(text).toContain('会计主管：李主管');
    expect(text).toContain('制单：孙制单');
    expect(run('pdftotext', ['-raw', file, '-'])).toContain('草稿'); // the rotated watermark
    expect(text).toContain('项目：三八节');
    expect(text).toContain(toChineseCapital(280_000)); // 贰仟捌佰元整: the long voucher's total, on its 2nd sheet
    console.log(`3 vouchers (4 sheets) in ${ms.toFixed(0)} ms`);
  });

  it('labels numbers and refuses non-integer amounts', async () => {
    expect(voucherNumberLabel({ word: '记', number: 5, fraction: { index: 1, of: 3 } })).toBe('记字第 5-1/3 号');
    expect(voucherNumberLabel({ word: '收', number: 7 })).toBe('收字第 7 号');
    const bad = voucher();
    bad.lines[0]!.debit = 12.5;
    await expect(renderVoucherPdf(bad)).rejects.toThrow(/分/);
  });
});

describe('print: model checks', () => {
  it('refuses money that is not integer 分 and mismatched group headers', async () => {
    const { doc } = cashJournal();
    await expect(renderTablePdf({ ...doc, rows: [{ cells: ['03', '01', '', 'x', '', 1.5] }] })).rejects.toThrow(/分/);
    await expect(renderTableXlsx({ ...doc, groupHeaders: [{ text: 'a', span: 2 }] })).rejects.toThrow(PrintModelError);
  });
});

describe('print: statements and notices', () => {
  const statement: TableDoc = {
    title: '收入支出表',
    code: '工会02表',
    unitName: '某某有限公司工会委员会',
    period: '2026年3月',
    columns: [
      { header: '项目', width: 4 },
      { header: '行次', width: 0.6, kind: 'count', align: 'center' },
      { header: '本月数', width: 1.6, kind: 'money' },
      { header: '本年累计数', width: 1.6, kind: 'money' },
    ],
    rows: [
      { cells: ['一、收入合计', 1, 1_234_567, 3_456_789], bold: true },
      { cells: ['　（一）会费收入', 2, 234_567, 456_789] },
      { cells: ['　（二）拨缴经费收入', 3, 1_000_000, 3_000_000] },
      { cells: ['二、支出合计', 4, 987_654, 2_345_678], bold: true },
      { cells: ['　（一）职工活动支出', 5, 987_654, 2_345_678] },
      { cells: ['三、本期收支差额', 6, 246_913, 1_111_111], bold: true },
      { cells: ['　待处理财产损溢', 7, -12_345, null] },
      { cells: ['　平衡检查', 8, '平', 'Ｑ'] },
    ],
    signatures: ['工会主席：', '财务负责人：', '复核：', '制表：'],
    signDate: '2026年4月8日',
  };

  it('prints a one-page statement without carry rows, and a large-type landscape notice', async () => {
    const pdf = await renderTablePdf(statement);
    const file = path.join(outDir, 'statement.pdf');
    fs.writeFileSync(file, pdf);
    const text = run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('工会02表');
    expect(text).toContain('第 1 页 共 1 页');
    expect(text).not.toMatch(/承前页|过次页/);
    expect(text).toContain('-123.45');
    expect(text).toContain('12,345.67');
    expect(text).toContain('工会主席：');
    expect(text).toContain('2026年4月8日');

    const notice = await renderTablePdf({ ...statement, title: '工会经费收支情况公示', orientation: 'landscape', paper: 'A3', fontScale: 1.8 });
    const nfile = path.join(outDir, 'notice.pdf');
    fs.writeFileSync(nfile, notice);
    const info = run('pdfinfo', [nfile]);
    expect(info).toMatch(/Page size:\s+1190\.\d+ x 841\.\d+ pts/); // A3 landscape
    expect(run('pdftotext', ['-layout', nfile, '-'])).toContain('工会经费收支情况公示');
  });

  it('prints an empty table with its header and footer', async () => {
    const file = path.join(outDir, 'empty.pdf');
    fs.writeFileSync(file, await renderTablePdf({ ...statement, rows: [] }));
    const text = run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('本年累计数');
    expect(text).toContain('制表：');
  });
});

describe('print: fonts', () => {
  it('finds resources/fonts from the source tree, accepts an explicit folder and explains a wrong one', async () => {
    const { resolveFontDir, FontNotFoundError } = await import('../../src/main/core/print');
    const dir = resolveFontDir();
    expect(fs.existsSync(path.join(dir, 'NotoSansSC-Regular.ttf'))).toBe(true);
    expect(resolveFontDir(dir)).toBe(dir);
    expect(() => resolveFontDir(os.tmpdir())).toThrow(FontNotFoundError);
    const { findFontDirFrom } = await import('../../src/main/core/print/fonts');
    // As from the built out/main/chunks/*.js.
    expect(findFontDirFrom(path.join(path.dirname(dir), '..', 'out', 'main', 'chunks'))).toBe(dir);
  });
});
