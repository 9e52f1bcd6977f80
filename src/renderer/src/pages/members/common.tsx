// Pieces shared by the 会员与会费 tabs: who may write, status labels and tags, amounts, files read
// for upload, the group list, a member picker, leaf accounts under a prefix, a waiting indicator
// with its text, and 打印 / 导出 Excel of a dues report through dues.export.
import { useEffect, useState, type ReactNode } from 'react';
import { Select, Spin, Tag } from 'antd';
import type { AccountInfo } from '@contract/books';
import type { DuesExportInput, DuesLineState } from '@contract/dues';
import { MEMBER_STATUS_LABELS, MEMBER_STATUSES, type MemberStatus, type UnionGroup } from '@contract/members';
import { formatYuan } from '@contract/money';
import type { Role } from '@contract/roles';
import { call } from '../../api';
import PrintExportButtons from '../../lib/PrintExportButtons';

/** Write actions (members.save, dues.*) are for the accountant and the supervisor only. */
export function canWriteMembers(roles: readonly Role[]): boolean {
  return roles.includes('accountant') || roles.includes('supervisor');
}

export const STATUS_OPTIONS = MEMBER_STATUSES.map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s] }));
const STATUS_COLORS: Record<MemberStatus, string> = { active: 'green', retired: 'blue', unemployed: 'gold', transferred: 'default', withdrawn: 'red' };

export function StatusTag({ status }: { status: MemberStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{MEMBER_STATUS_LABELS[status]}</Tag>;
}

export const LINE_STATE_LABEL: Record<DuesLineState, string> = { paid: '已缴', partial: '部分缴纳', unpaid: '未缴', pending: '待记账', exempt: '免缴' };
const LINE_STATE_COLOR: Record<DuesLineState, string> = { paid: 'green', partial: 'orange', unpaid: 'red', pending: 'blue', exempt: 'default' };

export function LineStateTag({ state, title }: { state: DuesLineState; title?: string | null }) {
  return (
    <Tag color={LINE_STATE_COLOR[state]} title={title ?? undefined}>
      {LINE_STATE_LABEL[state]}
    </Tag>
  );
}

/** An amount in 分 as 元, right-aligned by its column; 0 shows 0.00 unless `blankZero`. */
export function Yuan({ fen, blankZero, red }: { fen: number | null; blankZero?: boolean; red?: boolean }) {
  if (fen === null || (blankZero && fen === 0)) return null;
  return <span className={`ulm-num${fen < 0 || (red && fen > 0) ? ' ulm-red' : ''}`}>{formatYuan(fen)}</span>;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;
}

/** The file's bytes in base64 (what the import operations take). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(new Error(`无法读取文件“${file.name}”`));
    r.readAsDataURL(file);
  });
}

/** groups.list, reloadable. */
export function useGroups(): { groups: UnionGroup[]; reload: () => void } {
  const [groups, setGroups] = useState<UnionGroup[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    call('groups.list', {})
      .then((g) => live && setGroups(g))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tick]);
  return { groups, reload: () => setTick((n) => n + 1) };
}

/** accounts.list narrowed to enabled leaves under the prefixes (101 cash, 102 bank). */
export function useLeafAccounts(prefixes: readonly string[]): AccountInfo[] {
  const [accounts, setAccounts] = useState<AccountInfo[]>([]);
  const key = prefixes.join(',');
  useEffect(() => {
    let live = true;
    call('accounts.list', {})
      .then((all) => live && setAccounts(all.filter((a) => a.leaf && a.enabled && key.split(',').some((p) => a.code.startsWith(p))).sort((x, y) => x.code.localeCompare(y.code))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return accounts;
}

export interface PickedMember {
  id: number;
  label: string;
}

/** Type a name, 工号 or pinyin initials; the roster is searched on the server. */
export function MemberPicker({ value, onChange, label, width = 260 }: { value?: number | null; onChange: (m: PickedMember | null) => void; label: string; width?: number }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const search = (q: string) => {
    setSearching(true);
    call('members.list', { q: q.trim() || undefined, page: 1, pageSize: 30 })
      .then((p) => setOptions(p.rows.map((m) => ({ value: m.id, label: `${m.employeeNo} ${m.name}（${m.groupName ?? '未分组'}，${m.statusLabel}）` }))))
      .catch(() => setOptions([]))
      .finally(() => setSearching(false));
  };
  useEffect(() => search(''), []);
  return (
    <Select
      aria-label={label}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      placeholder="姓名、工号或拼音首字母"
      notFoundContent={searching ? <Spin size="small" /> : '没有找到会员'}
      value={value ?? undefined}
      options={options}
      onChange={(v: number | undefined) => {
        const o = options.find((x) => x.value === v);
        onChange(o ? { id: o.value, label: o.label } : null);
      }}
      style={{ width }}
    />
  );
}

/** A spinner with what it is waiting for ("正在解析…"). */
export function Busy({ text }: { text: string }) {
  return (
    <div className="ulm-busy" role="status" aria-live="polite">
      <Spin />
      <span>{text}</span>
    </div>
  );
}

export type DuesReportQuery = DuesExportInput extends infer U ? (U extends unknown ? Omit<U, 'format'> : never) : never;

/** 打印 (PDF) and 导出 Excel of a dues report; a large ledger takes a few seconds, so say so. */
export function DuesExportButtons({ request, disabled }: { request: DuesReportQuery; disabled?: boolean }) {
  return <PrintExportButtons file={(format) => call('dues.export', { ...request, format } as DuesExportInput)} disabled={disabled} />;
}

/** Runs `load` whenever `deps` change. */
export { useLoad as useData } from '../../lib/useLoad';

export function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="ulm-section">
      <div className="ulm-section-head">
        <h3>{title}</h3>
        {extra}
      </div>
      {children}
    </section>
  );
}
