// Importing the roster from a file (issue "Members and the dues ledger"): the file is parsed
// before the transaction (see Prepared in context.ts), then checked row by row against the
// template and the ledger. The preview names every problem by row, column and reason; the commit
// writes nothing unless the whole file is clean, and then writes all of it in the call's one
// transaction: members matched by 工号 are updated (never duplicated), unknown 工会小组 are
// created, status changes are appended to the members' history.
import { prepared, requireUser, type ServiceContext } from '../context';
import { CoreError } from '../errors';
import { todayInChina } from '../closing/ledger';
import {
  EMPLOYMENT_TYPES,
  MEMBER_COLUMNS,
  MEMBER_STATUS_LABELS,
  MODEL_WORKER_LEVELS,
  type EmploymentType,
  type Gender,
  type ImportPreview,
  type ImportProblem,
  type ImportRowPreview,
  type ImportSummary,
  type MemberColumn,
  type MemberStatus,
  type ModelWorkerLevel,
} from '../../contract/members';
import { readGrid, type Grid, type GridCell } from '../files/grid';
import { MEMBER_SELECT, createGroup, type MemberRow } from './roster';
import {
  STATUS_ALLOWED,
  bankAccountProblem,
  idNumberProblem,
  looksMasked,
  normalizeBankAccount,
  normalizeIdNumber,
  parseDateText,
  parseEmploymentType,
  parseGender,
  parseModelWorker,
  parseStatus,
  phoneProblem,
} from './values';

/** One valid data row. `undefined` for a sensitive number: keep what is stored (the cell was masked). */
export interface ImportedMember {
  row: number;
  employeeNo: string;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  groupName: string | null;
  joinedOn: string | null;
  status: MemberStatus;
  /** null: not given (allowed for 在职 only). */
  statusSince: string | null;
  employmentType: EmploymentType;
  modelWorker: ModelWorkerLevel | null;
  phone: string | null;
  idNumber: string | null | undefined;
  bankAccount: string | null | undefined;
}

// ---------- header ----------

const ALIASES: Record<string, MemberColumn> = {
  员工编号: '工号', 职工编号: '工号', 员工号: '工号', 职工号: '工号', 编号: '工号',
  名字: '姓名', 会员姓名: '姓名', 职工姓名: '姓名',
  生日: '出生日期', 出生年月日: '出生日期',
  小组: '工会小组', 所在小组: '工会小组', 所属小组: '工会小组', 分会: '工会小组',
  入会时间: '入会日期',
  状态: '会员状态',
  状态变更日期: '状态日期', 状态时间: '状态日期',
  用工性质: '用工类型', 用工形式: '用工类型',
  劳模: '劳模级别', 劳模等级: '劳模级别',
  电话: '联系电话', 手机: '联系电话', 手机号: '联系电话', 手机号码: '联系电话', 联系方式: '联系电话',
  身份证: '身份证号', 身份证号码: '身份证号', 公民身份号码: '身份证号',
  银行卡号: '银行账号', 银行帐号: '银行账号', 工资卡号: '银行账号', 银行卡: '银行账号',
};

/** "工号*", "出生日期（YYYY-MM-DD）", " 姓 名 " → the template's name, if it is one. */
export function headerColumn(text: string): MemberColumn | null {
  const t = text.replace(/[\s*＊]/g, '').replace(/[（(].*[)）]$/, '');
  if ((MEMBER_COLUMNS as readonly string[]).includes(t)) return t as MemberColumn;
  return ALIASES[t] ?? null;
}

function mapHeader(cells: GridCell[]): { index: Map<MemberColumn, number>; missing: MemberColumn[]; duplicated: MemberColumn[] } {
  const index = new Map<MemberColumn, number>();
  const duplicated: MemberColumn[] = [];
  cells.forEach((c, i) => {
    const col = headerColumn(c.text);
    if (!col) return;
    if (index.has(col)) duplicated.push(col);
    else index.set(col, i);
  });
  return { index, missing: MEMBER_COLUMNS.filter((c) => !index.has(c)), duplicated };
}

// ---------- rows ----------

export interface CheckedFile {
  members: ImportedMember[];
  problems: ImportProblem[];
  /** Every data row number with its 工号 and 姓名 as written (for the preview). */
  dataRows: { row: number; employeeNo: string; name: string }[];
}

export function checkGrid(grid: Grid, today: string): CheckedFile {
  const problems: ImportProblem[] = [];
  const fileProblem = (message: string) => problems.push({ row: null, column: null, message });
  const first = grid.rows[0];
  if (!first) {
    fileProblem(grid.sheetName ? `工作表“${grid.sheetName}”是空的：没有表头，也没有会员数据` : '文件是空的：没有表头，也没有会员数据');
    return { members: [], problems, dataRows: [] };
  }
  const header = first.row === 1 ? mapHeader(first.cells) : null;
  if (!header || header.index.size === 0 || header.missing.length > 0) {
    const later = grid.rows.slice(0, 10).find((r) => r.row > 1 && mapHeader(r.cells).missing.length === 0);
    if (later) fileProblem(`表头应在第 1 行：第 ${later.row} 行像是表头，请删除它上面的标题行后再导入`);
    else if (!header || header.index.size === 0) fileProblem(`第 1 行不是模板的表头，应为：${MEMBER_COLUMNS.join('、')}（请使用“下载模板”得到的文件）`);
    else fileProblem(`表头与模板不一致：缺少列 ${header.missing.join('、')}（请使用“下载模板”得到的表头）`);
    return { members: [], problems, dataRows: [] };
  }
  if (header.duplicated.length) {
    fileProblem(`表头中有重复的列：${[...new Set(header.duplicated)].join('、')}`);
    return { members: [], problems, dataRows: [] };
  }
  const body = grid.rows.slice(1);
  if (body.length === 0) {
    fileProblem('除表头外没有会员数据行');
    return { members: [], problems, dataRows: [] };
  }

  const members: ImportedMember[] = [];
  const dataRows: CheckedFile['dataRows'] = [];
  for (const r of body) {
    const rowProblems: ImportProblem[] = [];
    const bad = (column: MemberColumn, message: string) => rowProblems.push({ row: r.row, column, message });
    const seenMerges = new Set<string>();
    /** The cell's text, or null when blank or unusable (a problem is then recorded). */
    const cellOf = (column: MemberColumn): GridCell | null => {
      const c = r.cells[header.index.get(column)!];
      if (!c) return null;
      if (c.merged) {
        if (!seenMerges.has(c.merged)) bad(column, `属于合并单元格 ${c.merged}，请取消合并，并在每一行分别填写`);
        seenMerges.add(c.merged);
        return null;
      }
      if (c.kind === 'formula') {
        bad(column, `单元格是公式（=${c.text.slice(0, 40)}），请改为直接填写的值（复制后“选择性粘贴 → 数值”）`);
        return null;
      }
      if (c.kind === 'error') {
        bad(column, `单元格是错误值 ${c.text}，请改为正确的内容`);
        return null;
      }
      return c.kind === 'empty' ? null : c;
    };
    const text = (column: MemberColumn): string | null => {
      const c = cellOf(column);
      if (!c) return null;
      if (c.kind === 'number' && c.number !== undefined && Number.isInteger(c.number)) return BigInt(c.number).toString();
      return c.text;
    };
    const date = (column: MemberColumn): string | null => {
      const c = cellOf(column);
      if (!c) return null;
      if (c.kind === 'date') {
        if (/^\d{4}-\d{2}-\d{2}$/.test(c.text)) return c.text;
        bad(column, `“${c.text}”不是有效日期`);
        return null;
      }
      const iso = parseDateText(c.kind === 'number' ? String(c.number) : c.text);
      if (!iso && c.kind === 'number' && c.number !== undefined && c.number >= 1 && c.number < 2_958_466) {
        // An Excel date serial in a cell without a date format: say which day it would be, do not guess.
        const day = new Date(Date.UTC(1899, 11, 30) + Math.round(c.number) * 86_400_000).toISOString().slice(0, 10);
        bad(column, `“${c.text}”是数字，不是日期（若是 Excel 日期序号，即 ${day}）：请把该列设为“日期”格式，或写作 2026-03-01`);
        return null;
      }
      if (!iso) bad(column, `“${c.text}”不是有效日期（可写作 2026-03-01、2026/3/1 或 20260301）`);
      return iso;
    };
    const sensitive = (column: '身份证号' | '银行账号'): string | null | undefined => {
      const c = cellOf(column);
      if (!c) return null;
      if (c.kind === 'number' || /^\d+(\.\d+)?E\+?\d+$/i.test(c.text)) {
        bad(column, `${column}被 Excel 存成了数字${c.kind === 'number' && Number.isSafeInteger(c.number) ? '' : '，末几位已经丢失'}：请把该列设为“文本”格式后重新填写`);
        return null;
      }
      if (looksMasked(c.text)) return undefined; // exported masked: keep the stored number
      const v = column === '身份证号' ? normalizeIdNumber(c.text) : normalizeBankAccount(c.text);
      const p = column === '身份证号' ? idNumberProblem(v) : bankAccountProblem(v);
      if (p) bad(column, p);
      return v;
    };

    const employeeNo = text('工号');
    const name = text('姓名');
    dataRows.push({ row: r.row, employeeNo: employeeNo ?? '', name: name ?? '' });
    if (!employeeNo) {
      if (!rowProblems.some((p) => p.column === '工号')) bad('工号', '缺少工号');
    } else if (employeeNo.length > 32) bad('工号', '工号最多 32 个字符');
    if (!name) {
      if (!rowProblems.some((p) => p.column === '姓名')) bad('姓名', '缺少姓名');
    } else if (name.length > 40) bad('姓名', '姓名最多 40 个字');

    const genderText = text('性别');
    const gender = genderText ? parseGender(genderText) : null;
    if (genderText && !gender) bad('性别', `“${genderText}”不是有效的性别，只能是：男、女`);
    const birthDate = date('出生日期');
    if (birthDate && birthDate > today) bad('出生日期', `出生日期 ${birthDate} 晚于今天`);
    const groupName = text('工会小组');
    if (groupName && groupName.length > 40) bad('工会小组', '工会小组名称最多 40 个字');
    const joinedOn = date('入会日期');
    const statusText = text('会员状态');
    const status = statusText ? parseStatus(statusText) : null;
    if (!statusText) {
      if (!rowProblems.some((p) => p.column === '会员状态')) bad('会员状态', `缺少会员状态，应为：${STATUS_ALLOWED}`);
    } else if (!status) bad('会员状态', `“${statusText}”不是有效的会员状态，只能是：${STATUS_ALLOWED}`);
    const statusSince = date('状态日期');
    if (status && status !== 'active' && !statusSince && !rowProblems.some((p) => p.column === '状态日期')) {
      bad('状态日期', `会员状态为“${MEMBER_STATUS_LABELS[status]}”时须填写状态日期（自哪天起）`);
    }
    const typeText = text('用工类型');
    const employmentType = typeText ? parseEmploymentType(typeText) : '正式';
    if (!employmentType) bad('用工类型', `“${typeText}”不是有效的用工类型，只能是：${EMPLOYMENT_TYPES.join('、')}`);
    const mwText = text('劳模级别');
    const modelWorker = mwText ? parseModelWorker(mwText) : null;
    if (mwText && !modelWorker) bad('劳模级别', `“${mwText}”不是有效的劳模级别，只能是：${MODEL_WORKER_LEVELS.join('、')}，或留空`);
    const phone = text('联系电话');
    const phoneWhy = phone ? phoneProblem(phone) : null;
    if (phoneWhy) bad('联系电话', phoneWhy);
    const idNumber = sensitive('身份证号');
    const bankAccount = sensitive('银行账号');

    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    members.push({
      row: r.row,
      employeeNo: employeeNo!,
      name: name!,
      gender,
      birthDate,
      groupName,
      joinedOn,
      status: status!,
      statusSince,
      employmentType: employmentType!,
      modelWorker,
      phone,
      idNumber,
      bankAccount,
    });
  }

  // 工号 twice in the file: name every row it is on, on each of them.
  const rowsByNo = new Map<string, number[]>();
  for (const d of dataRows) if (d.employeeNo) rowsByNo.set(d.employeeNo, [...(rowsByNo.get(d.employeeNo) ?? []), d.row]);
  const duplicatedRows = new Set<number>();
  for (const [no, rows] of rowsByNo) {
    if (rows.length < 2) continue;
    for (const row of rows) {
      duplicatedRows.add(row);
      const others = rows.filter((x) => x !== row).map((x) => `第 ${x} 行`).join('、');
      problems.push({ row, column: '工号', message: `工号 ${no} 在文件中重复：与${others}相同` });
    }
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { members: members.filter((m) => !duplicatedRows.has(m.row)), problems, dataRows };
}

// ---------- against the ledger ----------

interface Planned {
  member: ImportedMember;
  existing: MemberRow | null;
  action: '新增' | '更新' | '不变';
  changed: MemberColumn[];
  statusChanged: boolean;
}

function plan(ctx: ServiceContext, members: ImportedMember[]): { planned: Planned[]; newGroups: string[] } {
  const existing = new Map((ctx.db.sqlite.prepare(MEMBER_SELECT).all() as MemberRow[]).map((r) => [r.employee_no, r]));
  const groups = new Set(ctx.db.sqlite.prepare('SELECT name FROM union_groups').pluck().all() as string[]);
  const newGroups: string[] = [];
  for (const m of members) {
    if (m.groupName && !groups.has(m.groupName)) {
      groups.add(m.groupName);
      newGroups.push(m.groupName);
    }
  }
  const planned = members.map((m): Planned => {
    const e = existing.get(m.employeeNo) ?? null;
    if (!e) return { member: m, existing: null, action: '新增', changed: [], statusChanged: false };
    const changed: MemberColumn[] = [];
    const cmp = (col: MemberColumn, a: unknown, b: unknown) => {
      if (a !== b) changed.push(col);
    };
    cmp('姓名', m.name, e.name);
    cmp('性别', m.gender, e.gender);
    cmp('出生日期', m.birthDate, e.birth_date);
    cmp('工会小组', m.groupName, e.group_name);
    cmp('入会日期', m.joinedOn, e.joined_on);
    cmp('会员状态', m.status, e.status);
    if (m.statusSince !== null) cmp('状态日期', m.statusSince, e.status_since);
    cmp('用工类型', m.employmentType, e.employment_type);
    cmp('劳模级别', m.modelWorker, e.model_worker);
    cmp('联系电话', m.phone, e.phone);
    if (m.idNumber !== undefined) cmp('身份证号', m.idNumber, e.id_number);
    if (m.bankAccount !== undefined) cmp('银行账号', m.bankAccount, e.bank_account);
    return { member: m, existing: e, action: changed.length ? '更新' : '不变', changed, statusChanged: m.status !== e.status };
  });
  return { planned, newGroups };
}

/** The import problems as one message (the commit refuses with it). */
function refusal(problems: ImportProblem[]): string {
  const rows = new Set(problems.map((p) => p.row)).size;
  const shown = problems
    .slice(0, 5)
    .map((p) => (p.row === null ? p.message : `第 ${p.row} 行${p.column ? `【${p.column}】` : ''}：${p.message}`))
    .join('；');
  return `文件有 ${problems.length} 处问题（涉及 ${rows} 行），未导入任何数据。${shown}${problems.length > 5 ? '；……请先预览查看全部问题' : ''}`;
}

export function previewOf(ctx: ServiceContext, grid: Grid): ImportPreview {
  const checked = checkGrid(grid, todayInChina(ctx.now));
  const { planned, newGroups } = plan(ctx, checked.members);
  const byRow = new Map(planned.map((p) => [p.member.row, p]));
  const rows = checked.dataRows.map((d): ImportRowPreview => {
    const p = byRow.get(d.row);
    return { row: d.row, employeeNo: d.employeeNo, name: d.name, action: p?.action ?? null, changed: p?.changed ?? [] };
  });
  const count = (a: string) => planned.filter((p) => p.action === a).length;
  return {
    filename: grid.filename,
    sha256: grid.sha256,
    format: grid.format,
    encoding: grid.encoding,
    sheetName: grid.sheetName,
    ok: checked.problems.length === 0,
    rows,
    problems: checked.problems,
    counts: {
      rows: checked.dataRows.length,
      added: count('新增'),
      updated: count('更新'),
      unchanged: count('不变'),
      invalidRows: new Set(checked.problems.filter((p) => p.row !== null).map((p) => p.row)).size,
    },
    newGroups,
  };
}

export function commitGrid(ctx: ServiceContext, grid: Grid, expectedSha256: string): ImportSummary {
  const user = requireUser(ctx);
  if (grid.sha256 !== expectedSha256) {
    throw new CoreError('CONFLICT', `文件“${grid.filename}”与预览时的不是同一个文件（内容已改变），请重新预览后再导入`, { field: 'expectedSha256' });
  }
  const checked = checkGrid(grid, todayInChina(ctx.now));
  if (checked.problems.length) throw new CoreError('VALIDATION', refusal(checked.problems), { field: 'base64' });
  const { planned, newGroups } = plan(ctx, checked.members);
  // Double submission (issue 7): committing the same file again would only add a second audit record.
  if (planned.every((p) => p.action === '不变') && newGroups.length === 0) {
    throw new CoreError('CONFLICT', `文件“${grid.filename}”中的 ${planned.length} 名会员与名册完全一致（已导入过），未做任何修改`, { field: 'base64' });
  }
  const sqlite = ctx.db.sqlite;
  const now = ctx.now.toISOString();
  const today = todayInChina(ctx.now);
  const reason = `导入：${grid.filename}`;

  const groupIds = new Map((sqlite.prepare('SELECT name, id FROM union_groups').all() as { name: string; id: number }[]).map((g) => [g.name, g.id]));
  for (const name of newGroups) groupIds.set(name, createGroup(ctx, name, null));

  const insert = sqlite.prepare(
    `INSERT INTO members (employee_no, name, gender, birth_date, group_id, joined_on, status, status_since, employment_type, model_worker, phone, id_number, bank_account, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = sqlite.prepare(
    `UPDATE members SET name = ?, gender = ?, birth_date = ?, group_id = ?, joined_on = ?, status = ?, status_since = ?, employment_type = ?,
       model_worker = ?, phone = ?, id_number = ?, bank_account = ?, updated_at = ? WHERE id = ?`,
  );
  const history = sqlite.prepare('INSERT INTO member_status_history (member_id, status, effective_date, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
  const latestHistory = sqlite.prepare('SELECT max(effective_date) FROM member_status_history WHERE member_id = ?').pluck();

  let statusChanges = 0;
  const added: string[] = [];
  const updated: { 工号: string; 列: string[] }[] = [];
  for (const p of planned) {
    const m = p.member;
    const groupId = m.groupName ? groupIds.get(m.groupName)! : null;
    if (!p.existing) {
      const since = m.statusSince ?? m.joinedOn ?? today;
      const id = Number(
        insert.run(m.employeeNo, m.name, m.gender, m.birthDate, groupId, m.joinedOn, m.status, since, m.employmentType, m.modelWorker, m.phone, m.idNumber ?? null, m.bankAccount ?? null, now, now)
          .lastInsertRowid,
      );
      history.run(id, m.status, since, reason, user.id, now);
      added.push(m.employeeNo);
      continue;
    }
    if (p.action === '不变') continue;
    const e = p.existing;
    let since = m.statusSince ?? e.status_since;
    if (p.statusChanged) {
      since = m.statusSince ?? today;
      const last = latestHistory.get(e.id) as string | null;
      if (last && since < last) {
        throw new CoreError('VALIDATION', `第 ${m.row} 行【状态日期】：${since} 早于会员 ${e.name} 上次状态变更的日期 ${last}，未导入任何数据`, { field: 'base64' });
      }
      history.run(e.id, m.status, since, reason, user.id, now);
      statusChanges++;
    }
    update.run(
      m.name,
      m.gender,
      m.birthDate,
      groupId,
      m.joinedOn,
      m.status,
      since,
      m.employmentType,
      m.modelWorker,
      m.phone,
      m.idNumber === undefined ? e.id_number : m.idNumber,
      m.bankAccount === undefined ? e.bank_account : m.bankAccount,
      now,
      e.id,
    );
    updated.push({ 工号: m.employeeNo, 列: p.changed });
  }
  const summary: ImportSummary = {
    filename: grid.filename,
    sha256: grid.sha256,
    added: added.length,
    updated: updated.length,
    unchanged: planned.length - added.length - updated.length,
    statusChanges,
    newGroups,
  };
  // One record for the import; it names the members touched (工号 only, never the sensitive numbers).
  ctx.audit({ operation: 'members.importCommit', entity: 'members', entityId: grid.sha256.slice(0, 16), after: { ...summary, addedNos: added, updatedNos: updated } });
  return summary;
}

// ---------- the operations (parsed before the transaction) ----------

export const importPreview = prepared<'members.importPreview'>(async (input) => {
  const grid = await readGrid(input.filename, input.base64);
  return (ctx) => previewOf(ctx, grid);
});

export const importCommit = prepared<'members.importCommit'>(async (input) => {
  const grid = await readGrid(input.filename, input.base64);
  return (ctx) => commitGrid(ctx, grid, input.expectedSha256);
});
