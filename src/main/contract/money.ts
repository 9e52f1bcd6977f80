// Money is an integer number of 分 (fen) everywhere: in the database, the contract and every
// computation. This module is the edge: parsing what a user types and formatting for display.
import Nzh from 'nzh';

/** An amount in 分. Always a safe integer. */
export type Fen = number;

export class MoneyError extends Error {
  override name = 'MoneyError';
}

export function isFen(n: unknown): n is Fen {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

export function assertFen(n: unknown, what = '金额'): asserts n is Fen {
  if (!isFen(n)) throw new MoneyError(`${what}必须是以“分”为单位的整数，收到：${String(n)}`);
}

function splitFen(fen: Fen): { sign: string; yuan: string; jiao: number; fenDigit: number } {
  assertFen(fen);
  const abs = Math.abs(fen);
  return { sign: fen < 0 ? '-' : '', yuan: String(Math.trunc(abs / 100)), jiao: Math.trunc(abs / 10) % 10, fenDigit: abs % 10 };
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 123456 → "1,234.56" (元, two decimals: 会计基础工作规范 第五十二条 writes amounts to 角 and 分). */
export function formatYuan(fen: Fen, opts: { thousands?: boolean; symbol?: boolean } = {}): string {
  const { sign, yuan, jiao, fenDigit } = splitFen(fen);
  const body = `${opts.thousands === false ? yuan : group(yuan)}.${jiao}${fenDigit}`;
  return `${sign}${opts.symbol ? '¥' : ''}${body}`;
}

/** 758612000 → "75.8612" (万元 with up to 4 decimals, computed on integers; rounded half away from zero). */
export function formatWanYuan(fen: Fen, decimals: 0 | 1 | 2 | 3 | 4 = 4): string {
  assertFen(fen);
  // 1 万元 = 1,000,000 分; keep `decimals` digits of 万元.
  const unit = 10 ** (6 - decimals);
  const abs = Math.abs(fen);
  const scaled = Math.trunc(abs / unit) + (abs % unit >= unit / 2 ? 1 : 0);
  const whole = Math.trunc(scaled / 10 ** decimals);
  const frac = decimals === 0 ? '' : `.${String(scaled % 10 ** decimals).padStart(decimals, '0')}`;
  return `${fen < 0 && scaled !== 0 ? '-' : ''}${group(String(whole))}${frac}`;
}

/**
 * Amount in Chinese capitals (大写金额), 会计基础工作规范 第五十二条: 整 follows an amount that ends
 * at 元 or 角, and is not written after 分; a zero inside the number is written 零.
 */
export function toChineseCapital(fen: Fen): string {
  const { sign, yuan, jiao, fenDigit } = splitFen(fen);
  if (fen === 0) return '零元整';
  const text = Nzh.cn.toMoney(`${yuan}.${jiao}${fenDigit}`, { outSymbol: false });
  const capital = text.endsWith('整') || fenDigit !== 0 ? text : `${text}整`;
  return sign ? `负${capital.replace(/^负/, '')}` : capital;
}

/**
 * Parses what a user typed: "1234.5", "1,234.50", "¥1,234.50", "-12". More than two decimals,
 * letters or misplaced separators are refused with a message that says why.
 */
export function parseYuan(input: string, what = '金额'): Fen {
  const s = input.trim().replace(/^[¥￥]/, '').replace(/\s/g, '');
  if (s === '') throw new MoneyError(`${what}不能为空`);
  const m = s.match(/^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/);
  if (!m) throw new MoneyError(`${what}“${input}”不是有效的金额，请输入如 1234.50 或 1,234.50 的数字`);
  const [, minus, intPart, decPart = ''] = m;
  if (decPart.length > 2) throw new MoneyError(`${what}“${input}”超过两位小数：金额只记到角、分`);
  const digits = `${intPart!.replace(/,/g, '')}${decPart.padEnd(2, '0')}`;
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen)) throw new MoneyError(`${what}“${input}”过大`);
  return minus ? -fen : fen;
}
