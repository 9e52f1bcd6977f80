// Member field values: masking of the sensitive numbers, the 身份证号 check digit (GB 11643-1999),
// dates as people type them, and the words accepted for status, gender, employment type, 劳模.
import {
  EMPLOYMENT_TYPES,
  MEMBER_STATUS_LABELS,
  MODEL_WORKER_LEVELS,
  type EmploymentType,
  type MemberStatus,
  type ModelWorkerLevel,
} from '../../contract/members';

/** 110101199001011234 → 110101********1234 (region kept, birth date hidden). */
export function maskIdNumber(v: string | null): string | null {
  if (!v) return null;
  if (v.length <= 10) return '*'.repeat(Math.max(0, v.length - 4)) + v.slice(-4);
  return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
}

/** 6222021234567895678 → ****5678. */
export function maskBankAccount(v: string | null): string | null {
  if (!v) return null;
  return `****${v.slice(-4)}`;
}

/** A value as the masks above print it: importing it back keeps the stored number. */
export const looksMasked = (v: string): boolean => v.includes('*');

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Null when the number is acceptable, else why not (Chinese). */
export function idNumberProblem(v: string): string | null {
  if (/^\d{15}$/.test(v)) return '15 位旧身份证号请升级为 18 位后填写';
  if (!/^\d{17}[\dX]$/.test(v)) return `“${v}”不是 18 位身份证号（17 位数字加 1 位数字或 X）`;
  const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (!isRealDate(birth)) return `身份证号中的出生日期 ${birth} 不存在`;
  const want = idCheckChar(v.slice(0, 17));
  if (v[17] !== want) return `身份证号校验位错误（按 GB 11643 第 18 位应为 ${want}），请核对号码`;
  return null;
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * A date as typed: 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日, 20260301.
 * Returns YYYY-MM-DD, or null when it is not a date.
 */
export function parseDateText(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) {
    // A date exported with a time of day (2026-03-01 00:00:00).
    m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T]0{1,2}:00(:00)?$/.exec(t);
    if (!m) return null;
  }
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** An Excel date cell (exceljs gives the serial as a UTC midnight). */
export function dateFromCell(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // A serial with a time part: round to the nearest day at UTC (Excel has no time zone).
  const iso = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  return isRealDate(iso) ? iso : null;
}

const STATUS_WORDS: Record<string, MemberStatus> = {
  在职: 'active',
  退休: 'retired',
  退休保留会籍: 'retired',
  失业: 'unemployed',
  下岗: 'unemployed', // D11: covered by 失业 in 章程 第八条
  失业保留会籍: 'unemployed',
  调出: 'transferred',
  退会: 'withdrawn',
};
for (const k of Object.keys(MEMBER_STATUS_LABELS)) STATUS_WORDS[k] = k as MemberStatus; // the ids too
for (const [k, v] of Object.entries(MEMBER_STATUS_LABELS)) STATUS_WORDS[squash(v)] = k as MemberStatus;

/** Drops spaces, the middle dot and brackets: "退休（保留会籍）" and "退休·保留会籍" read alike. */
function squash(s: string): string {
  return s.replace(/[\s·•・.()（）【】[\]-]/g, '');
}

export const STATUS_ALLOWED = Object.values(MEMBER_STATUS_LABELS).join('、');

export function parseStatus(text: string): MemberStatus | null {
  return STATUS_WORDS[squash(text)] ?? STATUS_WORDS[text.trim().toLowerCase()] ?? null;
}

export function parseGender(text: string): '男' | '女' | null {
  const t = squash(text);
  if (t === '男' || t === '男性') return '男';
  if (t === '女' || t === '女性') return '女';
  return null;
}

export function parseEmploymentType(text: string): EmploymentType | null {
  const t = squash(text);
  if (t === '派遣' || t === '劳务派遣工') return '劳务派遣'; // D12
  if (t === '合同' || t === '签约制') return '签约';
  if (t === '学徒工') return '学徒';
  return (EMPLOYMENT_TYPES as readonly string[]).includes(t) ? (t as EmploymentType) : null;
}

export function parseModelWorker(text: string): ModelWorkerLevel | null {
  const t = squash(text).replace(/(劳动模范|劳模|级)$/, '');
  const hit = MODEL_WORKER_LEVELS.find((l) => l === t || l.replace(/级$/, '') === t);
  return hit ?? null;
}

/** Normalizes what is typed into a 身份证号 cell: spaces dropped, x upper-cased. */
export const normalizeIdNumber = (v: string): string => v.replace(/\s+/g, '').toUpperCase();
/** Bank account numbers are often written in groups of four. */
export const normalizeBankAccount = (v: string): string => v.replace(/[\s-]+/g, '');

export function bankAccountProblem(v: string): string | null {
  if (!/^\d{8,30}$/.test(v)) return `“${v}”不是银行账号（应为 8–30 位数字）`;
  return null;
}

export function phoneProblem(v: string): string | null {
  if (!/^[+\d][\d\s()（）-]{2,19}$/.test(v)) return `“${v}”不像电话号码`;
  return null;
}
