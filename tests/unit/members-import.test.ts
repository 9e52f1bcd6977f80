// Importing the roster as the union office does it: a 300-member Excel file with five kinds of bad
// rows is previewed (every row, column and reason named) and refused whole; corrected, it imports
// 300; a re-import with ten changed rows updates ten and records the status changes; the same
// data as GB18030 and UTF-8-BOM CSV imports identically; an old .xls is refused with how to fix it.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, addUser, type TestLedger } from '../helpers/core';
import { membersCsv, membersXlsx, realisticMembers, withFiveBadRows, type MemberFileRow } from '../helpers/members-file';
import type { ClientRef } from '../../src/main/core/context';
import { OLD_FORMAT_MESSAGE } from '../../src/main/core/files/grid';
import type { ImportPreview } from '../../src/main/contract/members';

let l: TestLedger;
let kuaiji: ClientRef;

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-03-15T10:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
});
afterEach(() => l.close());

const b64 = (b: Buffer) => b.toString('base64');
const count = (sql: string): number => l.core.sqlite.prepare(sql).pluck().get() as number;
const auditCount = () => count('SELECT count(*) FROM audit_log');

async function preview(filename: string, bytes: Buffer): Promise<ImportPreview> {
  return l.call(kuaiji, 'members.importPreview', { filename, base64: b64(bytes) });
}
async function importFile(filename: string, bytes: Buffer) {
  const p = await preview(filename, bytes);
  expect(p.problems).toEqual([]);
  return l.call(kuaiji, 'members.importCommit', { filename, base64: b64(bytes), expectedSha256: p.sha256 });
}

describe('the 300-member roster', () => {
  it('names every bad row, column and reason; refuses the whole file; then imports all 300 once corrected', async () => {
    const good = realisticMembers(300);
    const { rows, bad } = withFiveBadRows(good);
    const file = await membersXlsx(rows);
    const p = await preview('会员名册.xlsx', file);
    expect(p.ok).toBe(false);
    expect(p.format).toBe('xlsx');
    expect(p.counts.rows).toBe(300);
    for (const b of bad) {
      expect(p.problems, `row ${b.row} ${b.column}`).toContainEqual(expect.objectContaining({ row: b.row, column: b.column, message: expect.stringContaining(b.contains) }));
    }
    expect(new Set(p.problems.map((x) => x.row))).toEqual(new Set(bad.map((b) => b.row)));
    expect(p.rows.find((r) => r.row === 152)).toMatchObject({ action: null });
    expect(p.rows.find((r) => r.row === 2)).toMatchObject({ employeeNo: '10001', action: '新增' });
    // The reasons, as the user reads them.
    const msg = (row: number) => p.problems.find((x) => x.row === row)!.message;
    expect(msg(102)).toBe('“2021/2/30”不是有效日期（可写作 2026-03-01、2026/3/1 或 20260301）');
    expect(msg(152)).toBe('“休假”不是有效的会员状态，只能是：在职、退休·保留会籍、失业·保留会籍、调出、退会');
    expect(msg(62)).toBe(`工号 ${good[20]!.工号} 在文件中重复：与第 22 行相同`);

    // All or nothing: the commit refuses and writes nothing, not even the groups.
    const audits = auditCount();
    const res = await l.core.dispatch(kuaiji, 'members.importCommit', { filename: '会员名册.xlsx', base64: b64(file), expectedSha256: p.sha256 });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('未导入任何数据') } });
    expect(!res.ok && res.error.message).toContain('第 12 行【姓名】：缺少姓名');
    expect(count('SELECT count(*) FROM members')).toBe(0);
    expect(count('SELECT count(*) FROM union_groups')).toBe(0);
    expect(count('SELECT count(*) FROM member_status_history')).toBe(0);
    expect(auditCount()).toBe(audits);

    // Corrected: 300 members, the four groups created and listed in the summary.
    const summary = await importFile('会员名册.xlsx', await membersXlsx(good));
    expect(summary).toMatchObject({ added: 300, updated: 0, unchanged: 0, statusChanges: 0 });
    expect([...summary.newGroups].sort()).toEqual(['一车间', '二车间', '后勤', '机关'].sort());
    expect(count('SELECT count(*) FROM members')).toBe(300);
    expect(count('SELECT count(*) FROM member_status_history')).toBe(300);
    const groups = await l.call(kuaiji, 'groups.list', {});
    expect(groups.reduce((s, g) => s + g.members, 0)).toBe(300);

    // Dates in the three ways of the file (Excel date cell, 2010/3/1, 20240301) all land as ISO.
    const retired = good.find((r) => r.会员状态 === '退休')!;
    const m = (await l.call(kuaiji, 'members.list', { q: retired.工号 })).rows.find((x) => x.employeeNo === retired.工号)!;
    expect(m).toMatchObject({ birthDate: retired.出生日期, joinedOn: retired.入会日期, status: 'retired', statusSince: retired.状态日期, statusLabel: '退休·保留会籍', groupName: '后勤' });
    const agency = good.filter((r) => r.用工类型 === '劳务派遣').length;
    expect(agency).toBeGreaterThan(5);
    expect(count("SELECT count(*) FROM members WHERE employment_type = '劳务派遣'")).toBe(agency);

    // One audit record for the import, naming 工号 only.
    const rec = l.core.sqlite.prepare("SELECT after_json FROM audit_log WHERE operation = 'members.importCommit'").pluck().get() as string;
    expect(JSON.parse(rec)).toMatchObject({ added: 300 });
    expect(rec).not.toContain(good.find((r) => r.身份证号)!.身份证号);
  });

  it('re-importing updates by 工号 instead of duplicating: 10 changed rows → 更新 10, 不变 290, status changes in the history', async () => {
    const good = realisticMembers(300);
    await importFile('名册.xlsx', await membersXlsx(good));
    const changed: MemberFileRow[] = good.map((r) => ({ ...r }));
    const actives = changed.filter((r) => r.会员状态 === '在职');
    // Five retire (D6: retained membership), two change group, two phones, one is 调出.
    for (const r of actives.slice(0, 5)) Object.assign(r, { 会员状态: '退休·保留会籍', 状态日期: '2026-03-01', 工会小组: '后勤' });
    actives[5]!.工会小组 = actives[5]!.工会小组 === '机关' ? '一车间' : '机关';
    actives[6]!.工会小组 = '三车间';
    actives[7]!.联系电话 = '13900000001';
    actives[8]!.联系电话 = '13900000002';
    Object.assign(actives[9]!, { 会员状态: '调出', 状态日期: '2026-02-28' });

    const file = await membersXlsx(changed);
    const p = await preview('名册.xlsx', file);
    expect(p.counts).toMatchObject({ rows: 300, added: 0, updated: 10, unchanged: 290, invalidRows: 0 });
    expect(p.newGroups).toEqual(['三车间']);
    const row = (no: string) => p.rows.find((r) => r.employeeNo === no)!;
    expect(row(actives[0]!.工号)).toMatchObject({ action: '更新', changed: ['工会小组', '会员状态', '状态日期'].filter((c) => c !== '工会小组' || actives[0]!.工会小组 !== good.find((g) => g.工号 === actives[0]!.工号)!.工会小组) });
    expect(row(actives[7]!.工号)).toMatchObject({ action: '更新', changed: ['联系电话'] });

    const s = await l.call(kuaiji, 'members.importCommit', { filename: '名册.xlsx', base64: b64(file), expectedSha256: p.sha256 });
    expect(s).toMatchObject({ added: 0, updated: 10, unchanged: 290, statusChanges: 6, newGroups: ['三车间'] });
    expect(count('SELECT count(*) FROM members')).toBe(300);
    expect(count('SELECT count(*) FROM member_status_history')).toBe(306);

    const id = count(`SELECT id FROM members WHERE employee_no = '${actives[0]!.工号}'`);
    const history = await l.call(kuaiji, 'members.history', { id });
    expect(history.map((h) => [h.title, h.date, h.detail])).toEqual([
      ['会员状态：在职', actives[0]!.入会日期, '导入：名册.xlsx'],
      ['会员状态：退休·保留会籍', '2026-03-01', '导入：名册.xlsx'],
    ]);
    const again = await preview('名册.xlsx', file);
    expect(again.counts).toMatchObject({ unchanged: 300, updated: 0, added: 0 });
  });

  it('imports the same data identically from GB18030 CSV, UTF-8-BOM CSV and .xlsx', async () => {
    const good = realisticMembers(300);
    const gb = membersCsv(good, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow(); // really not UTF-8
    const pg = await preview('名册.csv', gb);
    expect(pg).toMatchObject({ format: 'csv', encoding: 'GB18030', ok: true });
    expect(pg.counts.added).toBe(300);
    await importFile('名册.csv', gb);
    const snapshot = () => l.core.sqlite.prepare('SELECT employee_no, name, gender, birth_date, group_id, joined_on, status, status_since, employment_type, model_worker, phone, id_number, bank_account FROM members ORDER BY employee_no').all();
    const first = snapshot();
    expect((first[7] as { name: string }).name).toBe('张三');

    const bom = await preview('名册-utf8.csv', membersCsv(good, 'utf8-bom'));
    expect(bom).toMatchObject({ encoding: 'UTF-8（带 BOM）', ok: true, counts: { unchanged: 300, updated: 0, added: 0 } });
    const plain = await preview('名册-utf8.csv', membersCsv(good, 'utf8'));
    expect(plain).toMatchObject({ encoding: 'UTF-8', counts: { unchanged: 300 } });
    const xlsx = await preview('名册.xlsx', await membersXlsx(good));
    expect(xlsx.counts).toMatchObject({ unchanged: 300 });
    // Committing it (the same roster again) is refused as already imported, and changes nothing.
    const again = await l.core.dispatch(kuaiji, 'members.importCommit', { filename: '名册-utf8.csv', base64: b64(membersCsv(good, 'utf8-bom')), expectedSha256: bom.sha256 });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已导入过') } });
    expect(snapshot()).toEqual(first);
  });
});

describe('files that cannot be imported', () => {
  it('refuses an old .xls or a WPS .et (OLE2) with how to save it as .xlsx', async () => {
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    for (const name of ['会员.xls', '会员.et', '会员.xlsx']) {
      const res = await l.core.dispatch(kuaiji, 'members.importPreview', { filename: name, base64: b64(ole2) });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: OLD_FORMAT_MESSAGE } });
    }
    expect(OLD_FORMAT_MESSAGE).toBe('这是旧版 Excel（.xls）或 WPS 表格文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入');
  });

  it('names formula cells, merged cells, Excel-mangled ID numbers and accepts the date forms', async () => {
    const rows = realisticMembers(6);
    const file = await membersXlsx(rows, {
      edit: (ws) => {
        ws.getCell('B3').value = { formula: 'CONCATENATE("王","五")', result: '王五' } as ExcelJS.CellFormulaValue;
        ws.mergeCells('E5:E7'); // 工会小组 merged over three members
        ws.getCell('L2').value = 110101198506151234; // a 身份证号 typed as a number
        ws.getCell('F2').value = '20100301';
      },
    });
    const p = await preview('名册.xlsx', file);
    const at = (row: number, column: string) => p.problems.filter((x) => x.row === row && x.column === column).map((x) => x.message);
    expect(at(3, '姓名')[0]).toMatch(/^单元格是公式（=CONCATENATE/);
    for (const r of [5, 6, 7]) expect(at(r, '工会小组')).toEqual(['属于合并单元格 E5:E7，请取消合并，并在每一行分别填写']);
    expect(at(2, '身份证号')[0]).toContain('被 Excel 存成了数字，末几位已经丢失');
    expect(at(2, '入会日期')).toEqual([]);
  });

  it('says what is wrong with an empty sheet, a wrong header or a title row above the header', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    const p1 = await preview('空.xlsx', Buffer.from(await empty.xlsx.writeBuffer()));
    expect(p1.problems).toEqual([{ row: null, column: null, message: '工作表“Sheet1”是空的：没有表头，也没有会员数据' }]);

    const p2 = await preview('名册.csv', Buffer.from('工号,姓名,性别,出生日期,工会小组,入会日期,会员状态,用工类型,联系电话\n1,张三,男,1990-01-01,机关,2010-01-01,在职,正式,13800000000\n'));
    expect(p2.ok).toBe(false);
    expect(p2.problems[0]!.message).toBe('表头与模板不一致：缺少列 状态日期、劳模级别、身份证号、银行账号（请使用“下载模板”得到的表头）');

    const titled = await membersXlsx(realisticMembers(3), { edit: (ws) => ws.spliceRows(1, 0, ['某某公司工会会员名册']) });
    const p3 = await preview('名册.xlsx', titled);
    expect(p3.problems[0]!.message).toContain('第 2 行像是表头');

    const onlyHeader = await preview('名册.csv', membersCsv([], 'utf8'));
    expect(onlyHeader.problems[0]!.message).toBe('除表头外没有会员数据行');
  });

  it('refuses a commit of a file other than the one previewed', async () => {
    const a = await membersXlsx(realisticMembers(3));
    const p = await preview('a.xlsx', a);
    const b = await membersXlsx(realisticMembers(4));
    const res = await l.core.dispatch(kuaiji, 'members.importCommit', { filename: 'a.xlsx', base64: b64(b), expectedSha256: p.sha256 });
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(count('SELECT count(*) FROM members')).toBe(0);
  });

  it('the template downloads with the header and one example row that itself imports', async () => {
    const t = await l.call(kuaiji, 'members.importTemplate', {});
    expect(t.filename).toBe('会员导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['工号', '姓名', '性别', '出生日期', '工会小组', '入会日期', '会员状态', '状态日期', '用工类型', '劳模级别', '联系电话', '身份证号', '银行账号']);
    expect(ws.actualRowCount).toBe(2);
    const p = await preview('会员导入模板.xlsx', Buffer.from(t.base64, 'base64'));
    expect(p).toMatchObject({ ok: true, counts: { added: 1 }, newGroups: ['一车间'] });
  });
});
