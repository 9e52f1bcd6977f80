// The hledger journal writer (src/main/core/export/hledger.ts) on its own, and `union-ledger export`
// as a user runs it: what it writes, its Chinese errors and exit codes. The full round trip
// through hledger itself is tests/unit/realistic-year.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/main/cli/main';
import { fenToYuan, hledgerAccountNames, hledgerJournal, type HledgerBooks } from '../../src/main/core/export/hledger';
import { openLedgerMonth, postSampleMonth, type LedgerMonth } from '../helpers/ledger-month';
import { client, tempDir } from '../helpers/core';

describe('fenToYuan: integer 分 to 元 by string formatting', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [99, '0.99'],
    [100, '1.00'],
    [-12_345, '-123.45'],
    [128_050, '1280.50'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%i 分 → %s', (fen, text) => expect(fenToYuan(fen)).toBe(text));

  it('refuses anything but a safe integer', () => {
    expect(() => fenToYuan(0.5)).toThrow(RangeError);
    expect(() => fenToYuan(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });
});

const BOOKS: HledgerBooks = {
  unionName: '某某工会',
  year: 2026,
  accounts: [
    { code: '101', name: '库存现金', parentCode: null, element: 'asset' },
    { code: '102', name: '银行存款', parentCode: null, element: 'asset' },
    { code: '10201', name: '工商银行: 基本户;  一号', parentCode: '102', element: 'asset' },
    { code: '401', name: '会费收入', parentCode: null, element: 'revenue' },
    { code: '501', name: '职工活动支出', parentCode: null, element: 'expenditure' },
    { code: '50105', name: '会员活动支出', parentCode: '501', element: 'expenditure' },
    { code: '32205', name: '累计结余', parentCode: '322', element: 'net_assets' },
    { code: '322', name: '工会资金结余', parentCode: null, element: 'net_assets' },
  ],
  opening: [
    { accountCode: '10201', net: 10_000 },
    { accountCode: '32205', net: -10_000 },
  ],
  vouchers: [
    {
      id: 7,
      date: '2026-03-10',
      word: '记',
      number: 1,
      kind: 'normal',
      lines: [
        { accountCode: '50105', summary: '三八节慰问品; 见附件', debit: 30_000, credit: 0, fundNature: 'general', project: null, counterparty: null },
        { accountCode: '10201', summary: '三八节慰问品; 见附件', debit: 0, credit: 30_000, fundNature: null, project: null, counterparty: null },
      ],
    },
    {
      id: 8,
      date: '2026-03-18',
      word: '记',
      number: 2,
      kind: 'reversal',
      lines: [
        { accountCode: '50105', summary: '注销3月10日记字第1号凭证', debit: -30_000, credit: 0, fundNature: 'general', project: null, counterparty: null },
        { accountCode: '10201', summary: '注销3月10日记字第1号凭证', debit: 0, credit: -30_000, fundNature: null, project: null, counterparty: null },
      ],
    },
  ],
};

describe('hledgerJournal (pure)', () => {
  it('names every account by element and the chart hierarchy, with names made safe for hledger', () => {
    const names = hledgerAccountNames(BOOKS.accounts);
    expect(names.get('10201')).toBe('资产:102 银行存款:10201 工商银行： 基本户； 一号');
    expect(names.get('50105')).toBe('支出:501 职工活动支出:50105 会员活动支出');
    expect(names.get('32205')).toBe('净资产:322 工会资金结余:32205 累计结余');
    expect(new Set(names.values()).size).toBe(names.size);
  });

  it('writes the opening, one transaction per voucher, debits positive, credits negative, red ink kept', () => {
    const text = hledgerJournal(BOOKS);
    expect(text).toBe(hledgerJournal(BOOKS)); // deterministic
    // Declarations: roots with their types, in the chart's element order; only used accounts.
    const declared = text.split('\n').filter((l) => l.startsWith('account '));
    expect(declared).toEqual([
      'account 资产  ; type: A',
      'account 资产:102 银行存款',
      'account 资产:102 银行存款:10201 工商银行： 基本户； 一号',
      'account 负债  ; type: L',
      'account 净资产  ; type: E',
      'account 净资产:322 工会资金结余',
      'account 净资产:322 工会资金结余:32205 累计结余',
      'account 收入  ; type: R',
      'account 支出  ; type: X',
      'account 支出:501 职工活动支出',
      'account 支出:501 职工活动支出:50105 会员活动支出',
    ]);
    expect(text).toContain('commodity 1000.00 CNY');
    const tx = text.slice(text.indexOf('2026-01-01'));
    const lines = tx.split('\n').map((l) => l.replace(/(\S) {2,}/g, '$1  '));
    expect(lines).toEqual([
      '2026-01-01 (上年结转) 期初余额  ; kind:opening',
      '    资产:102 银行存款:10201 工商银行： 基本户； 一号  100.00 CNY',
      '    净资产:322 工会资金结余:32205 累计结余  -100.00 CNY',
      '',
      '2026-03-10 (记-1) 三八节慰问品； 见附件  ; voucher:7, kind:normal',
      '    支出:501 职工活动支出:50105 会员活动支出  300.00 CNY  ; fund:非专项',
      '    资产:102 银行存款:10201 工商银行： 基本户； 一号  -300.00 CNY',
      '',
      '2026-03-18 (记-2) 注销3月10日记字第1号凭证  ; voucher:8, kind:reversal',
      '    支出:501 职工活动支出:50105 会员活动支出  -300.00 CNY  ; 红字 fund:非专项',
      '    资产:102 银行存款:10201 工商银行： 基本户； 一号  300.00 CNY  ; 红字',
      '',
    ]);
  });

  it('leaves the opening out for the whole ledger', () => {
    expect(hledgerJournal({ ...BOOKS, year: null, opening: [] })).not.toContain('上年结转');
  });
});

// ---------- the command ----------

async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { LANG: 'C.UTF-8', ...env },
    pid: 4444,
    promptSecret: null,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('union-ledger export (in-process)', () => {
  let m: LedgerMonth;
  beforeAll(async () => {
    m = await openLedgerMonth();
    await postSampleMonth(m);
    // A draft is not exported.
    await m.l.call(m.kuaiji, 'vouchers.save', {
      date: '2026-03-30',
      lines: [
        { summary: '未审核的草稿', accountCode: '101', debit: 100 },
        { summary: '未审核的草稿', accountCode: '401', credit: 100, fundNature: 'general' },
      ],
    });
  });
  afterAll(() => m.l.close());

  it('writes the posted vouchers to stdout without logging in, and changes nothing in the ledger', async () => {
    const audit = () => (m.l.core.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = audit();
    const r = await cli(['export', '--format', 'hledger', '--db', m.l.file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^\d{4}-\d{2}-\d{2} \(记-\d+\)/gm)).toHaveLength(10);
    expect(r.stdout).not.toContain('未审核的草稿');
    expect(r.stdout).toMatch(/^2026-03-08 \(记-\d+\) 收到行政拨缴工会经费  ; voucher:\d+, kind:normal$/m);
    expect(r.stdout).toMatch(/^ {4}收入:402 拨缴经费收入 +-6000\.00 CNY  ; 留成60% fund:非专项$/m);
    expect(r.stdout).toMatch(/^ {4}负债:211 应付上级经费 +-4000\.00 CNY  ; 应上缴上级40% counterparty:市总工会$/m);
    expect(audit()).toBe(before);
    // The same text as the contract operation.
    const f = await m.l.call(m.zhuguan, 'books.exportHledger', {});
    expect(Buffer.from(f.base64, 'base64').toString('utf8')).toBe(r.stdout);
    expect(f.filename).toBe('union-ledger.journal');
  });

  it('--year leaves other years out; a year with history before it opens with 上年结转', async () => {
    const y2025 = await cli(['export', '--format', 'hledger', '--db', m.l.file, '--year', '2025']);
    expect(y2025.code).toBe(0);
    expect(y2025.stdout).not.toMatch(/^\d{4}-/m);
    const y2026 = await cli(['export', '--format=hledger', '--db', m.l.file, '--year', '2026']);
    expect(y2026.stdout).not.toContain('上年结转');
    expect(y2026.stdout.match(/^\d{4}-\d{2}-\d{2} \(记-\d+\)/gm)).toHaveLength(10);
  });

  it('--out writes the file and says so; an unwritable path is exit 1 with a Chinese message', async () => {
    const dir = tempDir('union-ledger-export-');
    try {
      const out = path.join(dir, '账簿.journal');
      const r = await cli(['export', '--format', 'hledger', '--db', m.l.file, '-o', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`已导出全部年度已记账凭证 10 张：${out}\n`);
      expect(fs.readFileSync(out, 'utf8')).toContain('account 资产:102 银行存款');
      const bad = await cli(['export', '--format', 'hledger', '--db', m.l.file, '-o', path.join(dir, 'no-such-folder', 'x.journal')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^无法写入导出文件 .*x\.journal：ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unknown format, bad year, missing --format: exit 1 with Chinese messages', async () => {
    const fmt = await cli(['export', '--format', 'csv', '--db', m.l.file]);
    expect(fmt.code).toBe(1);
    expect(fmt.stderr).toBe('未知的导出格式“csv”。目前支持：hledger。\n');
    expect(fmt.stdout).toBe('');
    const year = await cli(['export', '--format', 'hledger', '--db', m.l.file, '--year', '26']);
    expect(year.code).toBe(1);
    expect(year.stderr).toBe('会计年度应为四位年份，例如 2026（收到“26”）。\n');
    const missing = await cli(['export', '--db', m.l.file]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('错误：缺少必填选项 --format');
  });

  it('a missing ledger file: exit 3, and no file is created; a file that is not a ledger: exit 3', async () => {
    const dir = tempDir('union-ledger-export-');
    try {
      const db = path.join(dir, 'none.sqlite');
      const r = await cli(['export', '--format', 'hledger', '--db', db]);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(`找不到账簿文件：${db}。请用 --db 指定文件，或先运行 union-ledger init 建立账簿。\n`);
      expect(fs.existsSync(db)).toBe(false);
      const junk = path.join(dir, 'junk.sqlite');
      fs.writeFileSync(junk, 'not a database '.repeat(20));
      const j = await cli(['export', '--format', 'hledger', '--db', junk]);
      expect(j.code).toBe(3);
      expect(j.stderr).toContain('无法打开账簿文件');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help says no login is needed and why', async () => {
    const r = await cli(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format <format>');
    expect(r.stdout).toContain('不登录');
    expect(r.stdout).toContain('持有账簿文件的人本来就能读取其中的全部内容');
    expect((await cli(['--help'])).stdout).toContain('export');
  });

  it('books.exportHledger is for the readers of the books; the administrator is refused', async () => {
    const res = await m.l.core.dispatch(client('admin'), 'books.exportHledger', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await m.l.core.dispatch(m.chuna, 'books.exportHledger', { year: 1999 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('不早于 2000 年') } });
  });
});
