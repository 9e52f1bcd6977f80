// Bad input through every importer (issue 7, "Bad input"): the member roster (members.import*)
// and the payroll (dues.wages.import*) read .xlsx and CSV through one grid reader
// (src/main/core/files/grid.ts). Every case below — wrong types, negative, huge and over-precise
// amounts, formulas and CSV injection, merged cells, empty sheets, header-only files, 100,000 rows,
// wrong encodings, duplicate keys, garbage with an .xlsx name, zip bombs, Excel date serials —
// gets a Chinese message naming the row and column (or the file), and the commit of the same file
// is refused with every table of the ledger, the audit trail included, exactly as it was.
// (The app has no bank-statement import: the 银行存款余额调节表 is typed in, see contract-fuzz.)
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_COLUMNS } from '../../src/main/contract/members';
import type { Envelope } from '../../src/main/contract/errors';
import type { ImportPreview, ImportProblem } from '../../src/main/contract/members';
import type { WageImportPreview } from '../../src/main/contract/dues';
import type { ClientRef } from '../../src/main/core/context';
import { MAX_FILE_BYTES, MAX_ROWS, looksLikeFormula } from '../../src/main/core/files/grid';
import { idCheckChar } from '../../src/main/core/members/values';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember } from '../helpers/dues';
import { membersCsvText, membersXlsx, realisticMembers, type MemberFileRow } from '../helpers/members-file';

let l: TestLedger;
let kuaiji: ClientRef;
const tried = { roster: 0, payroll: 0, positive: 0 };

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-03-15T10:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  addMember(l, { no: '1001', name: '张三' });
  addMember(l, { no: '1002', name: '李四' });
});
afterAll(() => {
  console.log(`[bad-input-importers] roster cases ${tried.roster}, payroll cases ${tried.payroll}, accepted controls ${tried.positive}`);
  l.close();
});

const CHINESE = /[\u4e00-\u9fff]/;
const b64 = (b: Buffer) => b.toString('base64');

/** Row counts of every table: "the ledger unchanged" means all of them, the audit trail included. */
function snapshot(): Record<string, number> {
  const tables = l.core.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, l.core.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

// ---------- file builders ----------

type Cell = string | number | boolean | Date | null | { formula: string } | { error: '#DIV/0!' | '#N/A' };

async function xlsx(rows: Cell[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r.map((c) => c as ExcelJS.CellValue));
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => rows.map((r) => r.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n') + '\r\n';
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const gbk = (text: string) => iconv.encode(text, 'gbk');
const utf16le = (text: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), iconv.encode(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]);

/** A zip with the given parts; `claim` overrides the uncompressed size written in the headers (a lying bomb). */
function zip(parts: { name: string; data: Buffer; claim?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const deflated = zlib.deflateRawSync(p.data, { level: 9 });
    const name = Buffer.from(p.name, 'utf8');
    const crc = zlib.crc32(p.data);
    const size = p.claim ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An .xlsx-shaped zip whose shared-strings part unpacks to `mb` megabytes of the same character (built once per shape). */
const bombs = new Map<string, Buffer>();
function bomb(mb: number, lie = false): Buffer {
  const key = `${mb}/${lie}`;
  if (!bombs.has(key)) bombs.set(key, buildBomb(mb, lie));
  return bombs.get(key)!;
}
function buildBomb(mb: number, lie: boolean): Buffer {
  const big = Buffer.alloc(mb * 1024 * 1024, 0x41);
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/sharedStrings.xml', data: big, ...(lie ? { claim: 1000 } : {}) },
  ]);
}

function garbage(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  return b;
}

// ---------- the roster ----------

const HEADER = [...MEMBER_COLUMNS];
const WRONG_ID = `11010119850615123${idCheckChar('11010119850615123') === '0' ? '1' : '0'}`;
const base = realisticMembers(3, 424242).map((r, i) => ({ ...r, 工号: String(7001 + i), 会员状态: '在职', 状态日期: '' }));
const rowOf = (m: MemberFileRow) => HEADER.map((c) => m[c]);
const colIndex = (c: (typeof HEADER)[number]) => HEADER.indexOf(c);
/** Three good rows with one cell replaced (row 2 = first data row). */
function rosterWith(row: number, column: (typeof HEADER)[number], value: Cell): Cell[][] {
  const rows: Cell[][] = [HEADER, ...base.map(rowOf)];
  rows[row - 1]![colIndex(column)] = value;
  return rows;
}
const rosterCsvWith = (row: number, column: (typeof HEADER)[number], value: string): string[][] => rosterWith(row, column, value) as string[][];

interface Expect {
  /** A file-level refusal: the preview itself is refused with this text. */
  file?: RegExp;
  /** Or a problem in the preview on this row and column. */
  row?: number;
  column?: string;
  message?: RegExp;
}

async function rosterCase(filename: string, bytes: Buffer, want: Expect): Promise<void> {
  tried.roster++;
  const before = snapshot();
  const res = (await l.core.dispatch(kuaiji, 'members.importPreview', { filename, base64: b64(bytes) })) as Envelope<ImportPreview>;
  let sha = 'x'.repeat(64);
  if (want.file) {
    if (res.ok) {
      // An empty or headerless file is explained by a file-level problem in the preview.
      expect(res.value.ok).toBe(false);
      const fileProblem = res.value.problems.find((p: ImportProblem) => p.row === null);
      expect(fileProblem?.message).toMatch(want.file);
      sha = res.value.sha256;
    } else {
      expect(res.error).toMatchObject({ code: 'VALIDATION', field: 'base64' });
      expect(res.error.message).toMatch(want.file);
      expect(res.error.message).toMatch(CHINESE);
    }
  } else {
    expect(res.ok, !res.ok ? res.error.message : '').toBe(true);
    if (!res.ok) return;
    expect(res.value.ok).toBe(false);
    const hit = res.value.problems.find((p) => p.row === want.row && p.column === want.column);
    expect(hit, JSON.stringify(res.value.problems)).toBeDefined();
    expect(hit!.message).toMatch(want.message!);
    expect(hit!.message).toMatch(CHINESE);
    sha = res.value.sha256;
  }
  // The commit of the same file is refused and writes nothing: no member, no group, no history, no audit record.
  const commit = await l.core.dispatch(kuaiji, 'members.importCommit', { filename, base64: b64(bytes), expectedSha256: sha });
  expect(commit.ok).toBe(false);
  if (!commit.ok) {
    expect(commit.error.code).toBe('VALIDATION');
    expect(commit.error.message).toMatch(CHINESE);
    if (want.row) expect(commit.error.message).toContain(`第 ${want.row} 行`);
  }
  expect(snapshot()).toEqual(before);
}

describe('the roster importer refuses bad files whole, by row and column, in Chinese', () => {
  it.each([
    ['binary garbage named .xlsx', '名册.xlsx', () => garbage(5000), /不是有效的 \.xlsx/],
    ['binary garbage named .csv (NUL bytes)', '名册.csv', () => Buffer.concat([garbage(3000), Buffer.alloc(10)]), /无法识别/],
    ['a zip that is not a workbook', '名册.xlsx', () => zip([{ name: 'readme.txt', data: Buffer.from('hello') }]), /不是 Excel 工作簿/],
    ['a truncated .xlsx', '名册.xlsx', async () => (await xlsx([HEADER, ...base.map(rowOf)])).subarray(0, 1500), /损坏/],
    ['a zip bomb (shared strings of 300 MB)', '名册.xlsx', () => bomb(300), /解压后超过 256 MB.*sharedStrings/],
    ['a zip bomb whose headers lie about its size', '名册.xlsx', () => bomb(300, true), /解压后超过 256 MB/],
    ['an old .xls (OLE2)', '名册.xls', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), garbage(600)]), /另存为/],
    ['an empty file', '名册.csv', () => Buffer.alloc(0), /为空|是空的/],
    ['a CSV of a BOM and blank lines', '名册.csv', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('\r\n\r\n,,,\r\n')]), /文件是空的/],
    ['an .xlsx with an empty sheet', '名册.xlsx', () => xlsx([]), /是空的/],
    ['the header only', '名册.xlsx', () => xlsx([HEADER]), /除表头外没有会员数据行/],
    ['the header twice over (duplicate columns)', '名册.csv', () => utf8(csv([[...HEADER, '姓名'], ...base.map(rowOf)])), /重复的列：姓名/],
    ['UTF-16 without a BOM', '名册.csv', () => utf16le(membersCsvText(base), false), /无法识别/],
    ['a Big5 file read as GB18030 (the header is unreadable)', '名册.csv', () => iconv.encode(membersCsvText(base), 'big5'), /表头/],
    ['semicolons instead of commas', '名册.csv', () => utf8(membersCsvText(base).replace(/,/g, ';')), /表头/],
    ['a file over the size limit', '名册.csv', () => Buffer.concat([utf8(membersCsvText(base)), Buffer.alloc(MAX_FILE_BYTES, 0x20)]), /超过导入上限|过大/],
    ['1,000 columns', '名册.csv', () => utf8(csv([HEADER, [...rowOf(base[0]!), ...Array.from({ length: 1000 }, () => 'x')]])), /第 2 行有 1013 列/],
  ] as const)('%s', async (_name, filename, build, file) => {
    await rosterCase(filename, await build(), { file });
  });

  it.each([
    ['a formula =1+1 in 姓名 (.xlsx)', '名册.xlsx', () => xlsx(rosterWith(2, '姓名', { formula: '1+1' })), 2, '姓名', /公式/],
    ['=HYPERLINK in 姓名 (CSV)', '名册.csv', () => utf8(csv(rosterCsvWith(3, '姓名', '=HYPERLINK("http://example.invalid","点我")'))), 3, '姓名', /公式/],
    ['CSV injection =cmd| in 工会小组', '名册.csv', () => utf8(csv(rosterCsvWith(2, '工会小组', "=cmd|' /C calc'!A0"))), 2, '工会小组', /公式/],
    ['CSV injection @SUM in 联系电话', '名册.csv', () => utf8(csv(rosterCsvWith(4, '联系电话', '@SUM(1+9)*cmd|'))), 4, '联系电话', /公式/],
    ['CSV injection +cmd in 姓名 (GB18030)', '名册.csv', () => gbk(csv(rosterCsvWith(2, '姓名', "+1+cmd|' /C calc'!A0"))), 2, '姓名', /公式/],
    ['CSV injection -cmd after a tab in 工号', '名册.csv', () => utf8(csv(rosterCsvWith(2, '工号', "\t-2+3+cmd|' /C calc'!A0"))), 2, '工号', /公式/],
    ['"=cmd|…" typed as text in an .xlsx cell', '名册.xlsx', () => xlsx(rosterWith(2, '工会小组', "=cmd|' /C calc'!A0")), 2, '工会小组', /公式/],
    ['a merged 工会小组 over rows 2–4', '名册.xlsx', () => xlsx(rosterWith(2, '工会小组', '一车间'), (ws) => ws.mergeCells('E2:E4')), 3, '工会小组', /合并单元格 E2:E4/],
    ['an Excel date serial without a date format', '名册.xlsx', () => xlsx(rosterWith(2, '入会日期', 45000)), 2, '入会日期', /是数字，不是日期.*2023-03-15/],
    ['a date that does not exist (text)', '名册.csv', () => utf8(csv(rosterCsvWith(3, '出生日期', '1990-02-30'))), 3, '出生日期', /不是有效日期/],
    ['a date in the future', '名册.csv', () => utf8(csv(rosterCsvWith(2, '出生日期', '2030-01-01'))), 2, '出生日期', /晚于今天/],
    ['TRUE (a boolean) as 会员状态', '名册.xlsx', () => xlsx(rosterWith(2, '会员状态', true)), 2, '会员状态', /不是有效的会员状态/],
    ['#N/A (an error value) in 性别', '名册.xlsx', () => xlsx(rosterWith(4, '性别', { error: '#N/A' })), 4, '性别', /错误值/],
    ['a number for 性别', '名册.xlsx', () => xlsx(rosterWith(2, '性别', 1)), 2, '性别', /不是有效的性别/],
    ['a 10,000-character 姓名', '名册.csv', () => utf8(csv(rosterCsvWith(2, '姓名', '张'.repeat(10_000)))), 2, '姓名', /最多 40/],
    ['a 身份证号 stored as a number', '名册.xlsx', () => xlsx(rosterWith(2, '身份证号', 110101198506151234)), 2, '身份证号', /存成了数字/],
    ['a 身份证号 with a wrong check digit', '名册.csv', () => utf8(csv(rosterCsvWith(2, '身份证号', WRONG_ID))), 2, '身份证号', /校验/],
    ['the same 工号 on two rows', '名册.csv', () => utf8(csv(rosterCsvWith(3, '工号', '7001'))), 3, '工号', /重复/],
    ['a missing 工号 (GB18030)', '名册.csv', () => gbk(csv(rosterCsvWith(4, '工号', ''))), 4, '工号', /缺少工号/],
    ['a status that is not one (UTF-16, BOM)', '名册.csv', () => utf16le(csv(rosterCsvWith(2, '会员状态', '休假'))), 2, '会员状态', /“休假”不是有效的会员状态/],
    ['a status that is not one (UTF-16 big-endian, BOM)', '名册.csv', () => utf16be(csv(rosterCsvWith(3, '会员状态', '停薪留职'))), 3, '会员状态', /“停薪留职”不是有效的会员状态/],
  ] as const)('%s', async (_name, filename, build, row, column, message) => {
    await rosterCase(filename, await build(), { row, column, message });
  });

  const BIG = 'CAST(employee_no AS INTEGER) BETWEEN 10001 AND 110000';
  it('a 100,000-row roster with one bad row near the end: named, refused whole; corrected, all 100,000 import once', async () => {
    tried.roster++;
    const many = realisticMembers(100_000, 99);
    many[99_990] = { ...many[99_990]!, 会员状态: '休假' }; // row 99,992
    const before = snapshot();
    const bad = utf8(membersCsvText(many));
    const p = await l.call(kuaiji, 'members.importPreview', { filename: '十万.csv', base64: b64(bad) });
    expect(p.counts.rows).toBe(100_000);
    expect(p.problems).toEqual([{ row: 99_992, column: '会员状态', message: expect.stringContaining('“休假”不是有效的会员状态') }]);
    const refused = await l.core.dispatch(kuaiji, 'members.importCommit', { filename: '十万.csv', base64: b64(bad), expectedSha256: p.sha256 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('第 99992 行【会员状态】') } });
    expect(snapshot()).toEqual(before);

    many[99_990]!.会员状态 = '在职';
    many[99_990]!.状态日期 = '';
    const good = utf8(membersCsvText(many));
    const ok = { sha256: createHash('sha256').update(good).digest('hex') };
    const done = await l.call(kuaiji, 'members.importCommit', { filename: '十万.csv', base64: b64(good), expectedSha256: ok.sha256 });
    expect(done.added).toBe(100_000);
    expect(l.core.sqlite.prepare(`SELECT count(*) FROM members WHERE ${BIG}`).pluck().get()).toBe(100_000);
    // Committing the very same file again changes nothing and is refused, not recorded twice.
    const auditBefore = snapshot()['audit_log'];
    const again = await l.core.dispatch(kuaiji, 'members.importCommit', { filename: '十万.csv', base64: b64(good), expectedSha256: ok.sha256 });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已导入') } });
    expect(snapshot()['audit_log']).toBe(auditBefore);
    // Leave the small roster the payroll cases expect.
    l.core.sqlite.prepare(`DELETE FROM member_status_history WHERE member_id IN (SELECT id FROM members WHERE ${BIG})`).run();
    l.core.sqlite.prepare(`DELETE FROM members WHERE ${BIG}`).run();
  }, 120_000);

  it(`more than ${MAX_ROWS - 1} data rows is refused before any row is read`, async () => {
    const line = '1,张三,男,1990-01-01,一车间,2010-01-01,在职,,正式,,,,\r\n';
    await rosterCase('太大.csv', utf8(HEADER.join(',') + '\r\n' + line.repeat(MAX_ROWS)), { file: /超过一次导入的上限 200000 行/ });
  });

  it('still accepts what people really send: UTF-16 and GB18030 CSV, Excel date cells, +86 telephone numbers, negative-looking dashes', async () => {
    const people = realisticMembers(4, 5150).map((r, i) => ({ ...r, 工号: String(8001 + i) }));
    people[0]!.联系电话 = '+86 138 0013 8000';
    people[1]!.联系电话 = '010-6512-3456';
    for (const [filename, bytes] of [
      ['utf16.csv', utf16le(membersCsvText(people))],
      ['utf16be.csv', utf16be(membersCsvText(people))],
      ['gbk.csv', gbk(membersCsvText(people))],
      ['dates.xlsx', await membersXlsx(people)],
    ] as const) {
      tried.positive++;
      const p = await l.call(kuaiji, 'members.importPreview', { filename, base64: b64(bytes) });
      expect(p.problems, filename).toEqual([]);
      expect(p.counts.rows).toBe(4);
    }
    expect(looksLikeFormula('-12.50')).toBe(false);
    expect(looksLikeFormula('-')).toBe(false);
    expect(looksLikeFormula('=1+1')).toBe(true);
  });
});

// ---------- the payroll ----------

const PAY_HEADER = ['工号', '姓名', '基本工资', '奖金'];

async function payrollCase(filename: string, bytes: Buffer, want: Expect): Promise<void> {
  tried.payroll++;
  const before = snapshot();
  const input = { month: '2026-03', filename, base64: b64(bytes) };
  const res = (await l.core.dispatch(kuaiji, 'dues.wages.importPreview', input)) as Envelope<WageImportPreview>;
  if (!res.ok) {
    expect(want.file, res.error.message).toBeDefined();
    expect(res.error).toMatchObject({ code: 'VALIDATION', field: 'base64' });
    expect(res.error.message).toMatch(want.file!);
  } else {
    expect(res.value.ok).toBe(false);
    const hit = want.file ? res.value.errors.find((e) => e.message.match(want.file!)) : res.value.errors.find((e) => e.row === want.row && e.column?.startsWith(want.column!));
    expect(hit, JSON.stringify(res.value.errors)).toBeDefined();
    if (want.message) expect(hit!.message).toMatch(want.message);
    if (want.row) expect(hit!.message).toContain(`第 ${want.row} 行`);
    expect(hit!.message).toMatch(CHINESE);
  }
  const commit = await l.core.dispatch(kuaiji, 'dues.wages.importCommit', input);
  expect(commit).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(CHINESE) } });
  expect(snapshot()).toEqual(before);
}

const pay = (cell: Cell, row = 2, col = 2): Cell[][] => {
  const rows: Cell[][] = [PAY_HEADER, ['1001', '张三', 4567.89, 2000], ['1002', '李四', 3080, 1500]];
  rows[row - 1]![col] = cell;
  return rows;
};
const payCsv = (cell: string, row = 2, col = 2) => csv(pay(cell, row, col) as string[][]);

describe('the payroll importer refuses bad files whole, by row and column, in Chinese', () => {
  it.each([
    ['a negative amount', 'p.xlsx', () => xlsx(pay(-100)), 2, '基本工资', /不能为负/],
    ['a negative amount in CSV', 'p.csv', () => utf8(payCsv('-100.00', 3)), 3, '基本工资', /不能为负/],
    ['three decimals', 'p.xlsx', () => xlsx(pay(4567.891)), 2, '基本工资', /超过两位小数/],
    ['a float artefact 0.1+0.2', 'p.xlsx', () => xlsx(pay(0.1 + 0.2)), 2, '基本工资', /超过两位小数/],
    ['a huge amount (1e12 元)', 'p.xlsx', () => xlsx(pay(1e12)), 2, '基本工资', /过大/],
    ['an amount past Number.MAX_SAFE_INTEGER', 'p.csv', () => utf8(payCsv('90071992547409.93')), 2, '基本工资', /过大/],
    ['an amount in exponent form', 'p.xlsx', () => xlsx(pay(1e21)), 2, '基本工资', /不是有效的金额/],
    ['words for an amount', 'p.xlsx', () => xlsx(pay('三千元')), 2, '基本工资', /不是有效的金额/],
    ['NaN', 'p.csv', () => utf8(payCsv('NaN')), 2, '基本工资', /不是有效的金额/],
    ['Infinity', 'p.csv', () => utf8(payCsv('Infinity', 3)), 3, '基本工资', /不是有效的金额/],
    ['a boolean', 'p.xlsx', () => xlsx(pay(true)), 2, '基本工资', /不是有效的金额/],
    ['a date in the amount column', 'p.xlsx', () => xlsx(pay(new Date('2026-03-01T00:00:00Z'))), 2, '基本工资', /是日期/],
    ['an error value #DIV/0!', 'p.xlsx', () => xlsx(pay({ error: '#DIV/0!' })), 2, '基本工资', /错误值/],
    ['a formula =1+1', 'p.xlsx', () => xlsx(pay({ formula: '1+1' })), 2, '基本工资', /公式/],
    ['=HYPERLINK in a pay item (CSV)', 'p.csv', () => utf8(payCsv('=HYPERLINK("http://example.invalid")', 2, 3)), 2, '奖金', /公式/],
    ['CSV injection =cmd| as the amount', 'p.csv', () => utf8(payCsv("=cmd|' /C calc'!A0")), 2, '基本工资', /公式/],
    ['a formula for 工号', 'p.xlsx', () => xlsx(pay({ formula: 'A1' }, 3, 0)), 3, '工号', /公式/],
    ['a merged 基本工资 over two people', 'p.xlsx', () => xlsx(pay(5000), (ws) => ws.mergeCells('C2:C3')), 3, '基本工资', /合并单元格 C2:C3/],
    ['a merged 工号', 'p.xlsx', () => xlsx(pay('1001', 2, 0), (ws) => ws.mergeCells('A2:A3')), 3, '工号', /合并单元格/],
    ['a 工号 not on the roster', 'p.csv', () => utf8(payCsv('9999', 2, 0)), 2, '工号', /不在会员名册中/],
    ['the same 工号 twice', 'p.csv', () => gbk(payCsv('1001', 3, 0)), 3, '工号', /重复/],
    ['a name that is not the roster’s (UTF-16)', 'p.csv', () => utf16le(payCsv('王五', 2, 1)), 2, '姓名', /会员名册中是“张三”/],
  ] as const)('%s', async (_name, filename, build, row, column, message) => {
    await payrollCase(filename, await build(), { row, column, message });
  });

  it.each([
    ['binary garbage named .xlsx', 'p.xlsx', () => garbage(4000, 11), /不是有效的 \.xlsx/],
    ['a zip bomb', 'p.xlsx', () => bomb(300), /解压后超过/],
    ['an empty sheet', 'p.xlsx', () => xlsx([]), /工资表是空的/],
    ['the header only', 'p.xlsx', () => xlsx([PAY_HEADER]), /没有数据行/],
    ['no 工号 column', 'p.csv', () => utf8(csv([['编号', '基本工资'], ['1001', '100']])), /缺少“工号”列/],
    ['a pay item twice in the header', 'p.csv', () => utf8(csv([['工号', '基本工资', '基本工资'], ['1001', '1', '2']])), /出现了两次/],
    ['no counted pay item', 'p.csv', () => utf8(csv([['工号', '奖金'], ['1001', '1']])), /没有计入会费基数的工资项目/],
    ['more rows than the limit', 'p.csv', () => utf8('工号,基本工资\r\n' + '1001,1\r\n'.repeat(MAX_ROWS)), /超过一次导入的上限/],
  ] as const)('%s', async (_name, filename, build, file) => {
    await payrollCase(filename, await build(), { file });
  });

  it('committing the same payroll twice for a month writes it once', async () => {
    tried.payroll++;
    const bytes = await xlsx([PAY_HEADER, ['1001', '张三', 4567.89, 2000], ['1002', '李四', 3080, 1500]]);
    const input = { month: '2026-04', filename: '4月工资.xlsx', base64: b64(bytes) };
    const done = await l.call(kuaiji, 'dues.wages.importCommit', input);
    expect(done.saved).toBe(2);
    const before = snapshot();
    const again = await l.core.dispatch(kuaiji, 'dues.wages.importCommit', input);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已导入') } });
    expect(snapshot()).toEqual(before);
  });
});
