// A realistic member roster for tests (and for the dues work that builds on it): deterministic
// names, four 工会小组 (一车间、二车间、机关、后勤), a mix of statuses with retired and unemployed
// members keeping their membership (D6), agency workers (劳务派遣, D12), 劳模, birthdays, and valid
// 身份证号 (GB 11643 check digit) consistent with the birthdays. Written as .xlsx (with Excel date
// cells) or as CSV in UTF-8, UTF-8 with BOM or GB18030.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { MEMBER_COLUMNS, type MemberColumn } from '../../src/main/contract/members';
import { idCheckChar } from '../../src/main/core/members/values';

export type MemberFileRow = Record<MemberColumn, string>;

export const GROUPS = ['一车间', '二车间', '机关', '后勤'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建国', '建华', '志强', '海燕', '红梅', '玉兰', '德明', '春梅', '晓东', '小红', '文博', '子涵', '雨欣', '浩然', '思远', '国庆', '淑珍'];

/** A small deterministic generator (mulberry32), so every run builds the same roster. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid 18-digit 身份证号 for a birthday (region 110101 … 650102, the given sequence). */
export function idNumberFor(birth: string, seq: number, region = '110101'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * n members with 工号 10001, 10002, …; member 10008 is always 张三 (for the pinyin search).
 * About 80 % 在职, 10 % 退休, and a few 失业 / 调出 / 退会; about one in ten 劳务派遣.
 */
export function realisticMembers(n = 300, seed = 20260301): MemberFileRow[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const rows: MemberFileRow[] = [];
  for (let i = 0; i < n; i++) {
    const no = String(10001 + i);
    const name = no === '10008' ? '张三' : pick([...SURNAMES]) + pick(GIVEN);
    const x = r();
    const status = x < 0.8 ? '在职' : x < 0.9 ? '退休' : x < 0.94 ? '失业' : x < 0.97 ? '调出' : '退会';
    const birthYear = status === '退休' ? 1950 + Math.floor(r() * 14) : 1966 + Math.floor(r() * 38);
    const birth = `${birthYear}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    const joinYear = Math.min(2025, birthYear + 20 + Math.floor(r() * 10));
    const joined = `${joinYear}-${pad(1 + Math.floor(r() * 12))}-01`;
    const statusDate = status === '在职' ? '' : `${2018 + Math.floor(r() * 7)}-${pad(1 + Math.floor(r() * 12))}-01`;
    const y = r();
    const type = status === '在职' && y < 0.1 ? '劳务派遣' : status === '在职' && y < 0.14 ? '临时' : status === '在职' && y < 0.16 ? '学徒' : '正式';
    const group = status === '退休' ? '后勤' : pick(GROUPS);
    rows.push({
      工号: no,
      姓名: name,
      性别: r() < 0.55 ? '男' : '女',
      出生日期: birth,
      工会小组: group,
      入会日期: joined,
      会员状态: status,
      状态日期: statusDate,
      用工类型: type,
      劳模级别: r() < 0.03 ? pick(['全国', '省部级', '市级']) : '',
      联系电话: `13${Math.floor(100000000 + r() * 899999999)}`,
      身份证号: r() < 0.9 ? idNumberFor(birth, i * 7 + 1, pick(['110101', '320102', '440305', '510104'])) : '',
      银行账号: r() < 0.85 ? `622202${String(Math.floor(r() * 1e13)).padStart(13, '0')}` : '',
    });
  }
  return rows;
}

/** The five bad rows of the "Done when" scenario, one kind each, at fixed places. Row numbers are Excel's (header = 1). */
export function withFiveBadRows(rows: readonly MemberFileRow[]): { rows: MemberFileRow[]; bad: { row: number; column: MemberColumn; contains: string }[] } {
  const out = rows.map((r) => ({ ...r }));
  out[10]!.姓名 = ''; // row 12
  out[60]!.工号 = out[20]!.工号; // row 62 repeats row 22's 工号
  out[100]!.入会日期 = '2021-02-30'; // row 102
  out[150]!.会员状态 = '休假'; // row 152
  const id = out[200]!.身份证号 || idNumberFor('1980-01-01', 5);
  out[200]!.身份证号 = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // row 202: wrong check digit
  return {
    rows: out,
    bad: [
      { row: 12, column: '姓名', contains: '缺少姓名' },
      { row: 22, column: '工号', contains: '第 62 行' },
      { row: 62, column: '工号', contains: '第 22 行' },
      { row: 102, column: '入会日期', contains: '不是有效日期' },
      { row: 152, column: '会员状态', contains: '退休·保留会籍' },
      { row: 202, column: '身份证号', contains: '校验位' },
    ],
  };
}

const DATE_COLS: readonly MemberColumn[] = ['出生日期', '入会日期', '状态日期'];

/**
 * The rows as an .xlsx in the template's layout. Dates are written the ways people do:
 * 出生日期 as Excel date cells, 入会日期 as text 2010/3/1, 状态日期 as 20240301 (unless dateStyle says otherwise).
 */
export async function membersXlsx(rows: readonly MemberFileRow[], opts: { edit?: (ws: ExcelJS.Worksheet) => void; dateStyle?: 'mixed' | 'iso' } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员名册');
  ws.addRow([...MEMBER_COLUMNS]);
  for (const row of rows) {
    ws.addRow(
      MEMBER_COLUMNS.map((c): string | Date | null => {
        const v = row[c];
        if (!v) return null;
        if (opts.dateStyle !== 'iso' && DATE_COLS.includes(c) && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
          if (c === '出生日期') return new Date(`${v}T00:00:00Z`);
          if (c === '入会日期') return `${Number(v.slice(0, 4))}/${Number(v.slice(5, 7))}/${Number(v.slice(8, 10))}`;
          return v.replace(/-/g, '');
        }
        return v;
      }),
    );
  }
  ws.getColumn(1).numFmt = '@';
  ws.getColumn(4).numFmt = 'yyyy-mm-dd';
  opts.edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function membersCsvText(rows: readonly MemberFileRow[]): string {
  return [MEMBER_COLUMNS.join(','), ...rows.map((r) => MEMBER_COLUMNS.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function membersCsv(rows: readonly MemberFileRow[], encoding: 'utf8' | 'utf8-bom' | 'gb18030'): Buffer {
  const text = membersCsvText(rows);
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
