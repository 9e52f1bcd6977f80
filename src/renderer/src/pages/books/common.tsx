// Pieces shared by the 账簿, 报表 and 结账 screens: amounts as the books print them, the heading
// every book carries (编制单位, 期间, 单位：元), period and date pickers that work by keyboard,
// the account list for the picker, a keyboard row cursor for tables, and voucher links.
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AccountInfo } from '@contract/books';
import type { BalanceSide } from '@contract/ledger';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import type { PickAccount } from '../vouchers/model';

// ---------- amounts ----------

/**
 * An amount in 分, right-aligned in the table's number font; negative (红字) in red. Zero shows
 * blank unless `zero` says otherwise. With `onOpen` the figure is a link to its vouchers.
 */
export function Amount({ value, zero = '', onOpen, label }: { value: number | null; zero?: string; onOpen?: () => void; label?: string }) {
  if (value === null) return null;
  const text = value === 0 ? zero : formatYuan(value);
  if (text === '') return null;
  const cls = `ulb-num${value < 0 ? ' ulb-red' : ''}`;
  if (!onOpen || value === 0) return <span className={cls}>{text}</span>;
  return (
    <button
      type="button"
      className={`ulb-link ${cls}`}
      aria-label={label ? `${label} ${text}` : undefined}
      title="查看构成此数字的记账凭证"
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
    >
      {text}
    </button>
  );
}

/** 余额 column: "Ｑ" when the account is 平 (会计基础工作规范 第六十条). */
export function Balance({ direction, amount }: { direction: BalanceSide; amount: number }) {
  if (direction === '平' || amount === 0) return <span className="ulb-num ulb-nil">Ｑ</span>;
  return <span className={`ulb-num${amount < 0 ? ' ulb-red' : ''}`}>{formatYuan(amount)}</span>;
}

// ---------- heading ----------

/** The form's heading: title, 编制单位, period, 单位：元 (vouchers-and-books.md §8). */
export function BookHeading({ title, unionName, periodLabel, formNo, extra }: { title: string; unionName: string; periodLabel: string; formNo?: string; extra?: ReactNode }) {
  return (
    <div className="ulb-heading">
      <h2 className="ulb-title">{title}</h2>
      {formNo && <div className="ulb-formno">{formNo}</div>}
      <div className="ulb-heading-row">
        <span>编制单位：{unionName}（公章）</span>
        <span>{periodLabel}</span>
        <span>
          {extra}
          单位：元
        </span>
      </div>
    </div>
  );
}

// ---------- periods and dates ----------

export function thisMonth(): string {
  return dayjs().format('YYYY-MM');
}

export function lastDayOf(period: string): string {
  return dayjs(`${period}-01`).endOf('month').format('YYYY-MM-DD');
}

export function previousMonth(period: string): string {
  return dayjs(`${period}-01`).subtract(1, 'month').format('YYYY-MM');
}

/** A month picker (YYYY-MM): type "2026-03" and Enter, or pick with the mouse. */
export function MonthPicker({ value, onChange, label, disabled }: { value: string; onChange: (v: string) => void; label: string; disabled?: boolean }) {
  return (
    <DatePicker
      picker="month"
      format="YYYY-MM"
      allowClear={false}
      aria-label={label}
      disabled={disabled}
      value={dayjs(`${value}-01`)}
      onChange={(d: Dayjs | null) => d && onChange(d.format('YYYY-MM'))}
      style={{ width: 120 }}
    />
  );
}

/** A year picker: type "2026" and Enter. */
export function YearPicker({ value, onChange, label }: { value: number; onChange: (v: number) => void; label: string }) {
  return (
    <DatePicker
      picker="year"
      format="YYYY"
      allowClear={false}
      aria-label={label}
      value={dayjs(`${value}-01-01`)}
      onChange={(d: Dayjs | null) => d && onChange(d.year())}
      style={{ width: 100 }}
    />
  );
}

/** A day picker (YYYY-MM-DD). */
export function DayPicker({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <DatePicker
      format="YYYY-MM-DD"
      allowClear={false}
      aria-label={label}
      value={dayjs(value)}
      onChange={(d: Dayjs | null) => d && onChange(d.format('YYYY-MM-DD'))}
      style={{ width: 140 }}
    />
  );
}

// ---------- accounts ----------

/** Every enabled account (first-level and details) for the picker, with the initials of its chain. */
export function bookAccounts(all: readonly AccountInfo[]): PickAccount[] {
  const byCode = new Map(all.map((a) => [a.code, a]));
  return all
    .filter((a) => a.enabled)
    .map((a) => {
      const initials: string[] = [];
      for (let p: AccountInfo | undefined = a; p; p = p.parentCode ? byCode.get(p.parentCode) : undefined) initials.push(p.initials.toLowerCase());
      return { code: a.code, fullName: a.fullName, initials, account: a };
    })
    .sort((x, y) => x.code.localeCompare(y.code));
}

/** accounts.list once per screen. */
export function useAccounts(): { accounts: AccountInfo[] | null; error: string | null } {
  const [accounts, setAccounts] = useState<AccountInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('accounts.list', {})
      .then((a) => live && setAccounts(a))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, []);
  return { accounts, error };
}

/** The union's first fiscal year (for drill-downs of opening balances). */
export function useFirstFiscalYear(): number | null {
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    call('union.get', {})
      .then((u) => live && setYear(u.firstFiscalYear))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return year;
}

// ---------- navigation ----------

/** Opens a voucher in the 凭证 module. */
export function openVoucher(id: number): void {
  window.location.hash = `#/vouchers/${id}`;
}

export function VoucherLink({ id, no }: { id: number | null; no: string | null }) {
  if (!no) return null;
  if (id === null) return <span>{no}</span>;
  return (
    <a
      href={`#/vouchers/${id}`}
      className="ulb-vno"
      title="在凭证模块中打开此凭证"
      onClick={(e) => {
        e.stopPropagation();
      }}
    >
      {no}
    </a>
  );
}

// ---------- keyboard cursor over a paged table ----------

/**
 * ↑/↓ (and PageUp/PageDown, Home/End) move a highlighted row across the pages of a table; Enter
 * acts on it. Returns the props for the focusable wrapper and the table's page state.
 */
export function useRowCursor<T>(rows: readonly T[], pageSize: number, onEnter: (row: T) => void) {
  const [cursor, setCursor] = useState(0);
  const [page, setPage] = useState(1);
  useEffect(() => {
    setCursor(0);
    setPage(1);
  }, [rows]);
  const move = useCallback(
    (to: number) => {
      const n = Math.max(0, Math.min(to, rows.length - 1));
      setCursor(n);
      setPage(Math.floor(n / pageSize) + 1);
      requestAnimationFrame(() => document.querySelector('.ulb-cursor')?.scrollIntoView({ block: 'nearest' }));
    },
    [rows.length, pageSize],
  );
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const keys: Record<string, number> = { ArrowDown: cursor + 1, ArrowUp: cursor - 1, PageDown: cursor + pageSize, PageUp: cursor - pageSize, Home: 0, End: rows.length - 1 };
    if (e.key in keys) {
      e.preventDefault();
      move(keys[e.key]!);
    } else if (e.key === 'Enter') {
      const row = rows[cursor];
      if (row !== undefined) {
        e.preventDefault();
        onEnter(row);
      }
    }
  };
  const pagination = useMemo(
    () => ({
      current: page,
      pageSize,
      showSizeChanger: false,
      hideOnSinglePage: true,
      showTotal: (total: number) => `共 ${total} 行`,
      onChange: (p: number) => {
        setPage(p);
        setCursor((p - 1) * pageSize);
      },
    }),
    [page, pageSize],
  );
  return { cursor, setCursor, page, pagination, boxProps: { tabIndex: 0, onKeyDown, className: 'ulb-box' } };
}

/** Index of a row within all rows, for a row on the current page. */
export function rowIndex(page: number, pageSize: number, indexOnPage: number): number {
  return (page - 1) * pageSize + indexOnPage;
}

// ---------- loading ----------

export { useLoad } from '../../lib/useLoad';
