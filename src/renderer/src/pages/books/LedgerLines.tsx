// The lines of 总账, 明细账 and 日记账 as the bound books print them: 月 | 日 | 凭证字号 | 摘要 |
// (对方科目) | 借方 | 贷方 | 借或贷 | 余额. 本月合计 between single red rules, 本年累计 over a single red
// rule and a double one after December (vouchers-and-books.md §8). ↑/↓ choose a line, Enter opens
// its voucher.
import { useMemo, useRef } from 'react';
import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { BookLine } from '@contract/ledger';
import { Amount, Balance, VoucherLink, openVoucher, useRowCursor } from './common';

const PAGE = 100;

function rowClass(l: BookLine): string {
  switch (l.kind) {
    case 'month_total':
      return 'ulb-month-total';
    case 'year_total':
      return l.date.slice(5, 7) === '12' ? 'ulb-year-total ulb-year-end' : 'ulb-year-total';
    case 'day_total':
      return 'ulb-day-total';
    case 'opening':
    case 'carry_forward':
      return 'ulb-carry';
    default:
      return l.debit !== null && l.debit < 0 ? 'ulb-entry ulb-red-line' : l.credit !== null && l.credit < 0 ? 'ulb-entry ulb-red-line' : 'ulb-entry';
  }
}

interface Props {
  lines: readonly BookLine[];
  /** Label for the focusable table. */
  label: string;
  /** A parent's book: show each entry's detail account. */
  showAccount?: boolean;
  /** Journals: 对方科目, and 收入/支出 for 借方/贷方. */
  journal?: boolean;
}

export default function LedgerLines({ lines, label, showAccount, journal }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const { cursor, setCursor, page, pagination, boxProps } = useRowCursor(lines, PAGE, (l) => l.voucherId !== null && openVoucher(l.voucherId));
  const rows = useMemo(() => [...lines], [lines]);
  const keys = useMemo(() => new Map(lines.map((l, i) => [l, i])), [lines]);
  const year = lines[0]?.date.slice(0, 4) ?? '';

  const columns: TableColumnsType<BookLine> = [
    {
      title: `${year}年`,
      children: [
        { title: '月', key: 'm', width: 44, align: 'center', render: (_: unknown, l) => Number(l.date.slice(5, 7)) },
        { title: '日', key: 'd', width: 44, align: 'center', render: (_: unknown, l) => (l.kind === 'month_total' || l.kind === 'year_total' ? '' : Number(l.date.slice(8, 10))) },
      ],
    },
    { title: '凭证字号', key: 'no', width: 86, render: (_: unknown, l) => <VoucherLink id={l.voucherId} no={l.voucherNo} /> },
    {
      title: '摘要',
      key: 'summary',
      ellipsis: true,
      render: (_: unknown, l) => (
        <span className={l.kind !== 'entry' ? 'ulb-summary-total' : undefined}>
          {l.summary}
          {showAccount && l.accountCode && (
            <span className="ulb-subacct">
              {' '}
              {l.accountCode} {l.accountName}
            </span>
          )}
        </span>
      ),
    },
    ...(journal ? [{ title: '对方科目', key: 'counter', width: 180, ellipsis: true, render: (_: unknown, l: BookLine) => l.counterAccounts ?? '' }] : []),
    { title: journal ? '借方（收入）' : '借方', key: 'debit', width: 130, align: 'right', render: (_: unknown, l) => <Amount value={l.debit} zero={l.kind === 'entry' ? '' : '0.00'} /> },
    { title: journal ? '贷方（支出）' : '贷方', key: 'credit', width: 130, align: 'right', render: (_: unknown, l) => <Amount value={l.credit} zero={l.kind === 'entry' ? '' : '0.00'} /> },
    { title: '借或贷', key: 'dir', width: 62, align: 'center', render: (_: unknown, l) => l.direction },
    { title: '余额', key: 'bal', width: 140, align: 'right', render: (_: unknown, l) => <Balance direction={l.direction} amount={l.balance} /> },
  ];

  return (
    <div {...boxProps} ref={box} aria-label={`${label}（↑↓ 选择，Enter 打开凭证）`}>
      <Table<BookLine>
        className="ulb-table ulb-book"
        size="small"
        bordered
        rowKey={(l) => keys.get(l) ?? 0}
        columns={columns}
        dataSource={rows}
        pagination={pagination}
        locale={{ emptyText: '此期间没有记录' }}
        rowClassName={(l, i) => `ulb-row ${rowClass(l)}${(page - 1) * PAGE + i === cursor ? ' ulb-cursor' : ''}`}
        onRow={(l, i) => ({
          onClick: () => setCursor((page - 1) * PAGE + (i ?? 0)),
          onDoubleClick: () => l.voucherId !== null && openVoucher(l.voucherId),
        })}
      />
    </div>
  );
}
