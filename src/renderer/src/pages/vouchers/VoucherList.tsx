// 凭证列表: one period and status at a time, paged on the server. ↑/↓ choose, Enter opens.
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { App, Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { VoucherPage, VoucherStatus, VoucherSummary } from '@contract/books';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { reportError } from '../../lib/errors';
import { KIND_LABEL, STATUS_COLOR, STATUS_LABEL, voucherNo } from './model';
import { openFile } from './print';

export interface ListParams {
  period: string | null;
  status: VoucherStatus | null;
  page: number;
  pageSize: number;
  /** Row index with the keyboard highlight. */
  cursor: number;
}

interface Props {
  params: ListParams;
  onParams: (p: ListParams) => void;
  canPrepare: boolean;
  onOpen: (id: number) => void;
  onNew: () => void;
  /** A bar under the toolbar (the 常用分录 buttons). */
  extra?: ReactNode;
}

function Kbd({ k }: { k: string }) {
  return <span className="ulv-kbd">{k}</span>;
}

const columns: TableColumnsType<VoucherSummary> = [
  { title: '日期', dataIndex: 'date', width: 110 },
  {
    title: '凭证字号',
    key: 'no',
    width: 110,
    render: (_: unknown, v) => <span className={v.number === null ? 'ulv-muted' : 'ulv-vno'}>{voucherNo(v)}</span>,
  },
  {
    title: '摘要',
    dataIndex: 'summary',
    ellipsis: true,
    render: (s: string, v) => (
      <span className={v.kind === 'reversal' ? 'ulv-red' : undefined}>
        {KIND_LABEL[v.kind] && <Tag color={v.kind === 'reversal' ? 'red' : 'purple'}>{KIND_LABEL[v.kind]}</Tag>}
        {s}
      </span>
    ),
  },
  {
    title: '金额',
    dataIndex: 'total',
    width: 150,
    align: 'right',
    render: (n: number) => <span className={`ulv-num${n < 0 ? ' ulv-red' : ''}`}>{formatYuan(n)}</span>,
  },
  { title: '附件', dataIndex: 'attachments', width: 70, align: 'center', render: (n: number) => `${n} 张` },
  { title: '状态', dataIndex: 'status', width: 90, render: (s: VoucherStatus) => <Tag color={STATUS_COLOR[s]}>{STATUS_LABEL[s]}</Tag> },
  { title: '制单', dataIndex: 'preparedBy', width: 100 },
];

export default function VoucherList({ params, onParams, canPrepare, onOpen, onNew, extra }: Props) {
  const { message } = App.useApp();
  const [data, setData] = useState<VoucherPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const rows = data?.rows ?? [];
  const cursor = Math.min(params.cursor, Math.max(rows.length - 1, 0));

  useEffect(() => {
    if (!params.period) return;
    let live = true;
    setLoading(true);
    call('vouchers.list', { period: params.period, ...(params.status ? { status: params.status } : {}), page: params.page, pageSize: params.pageSize })
      .then((p) => live && setData(p))
      .catch((err: unknown) => live && reportError(message, err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [params.period, params.status, params.page, params.pageSize, tick, message]);

  useEffect(() => {
    // Take the keyboard on arrival, but never from something else that has it (an open dialog such
    // as the forced password change would otherwise lose what the user is typing).
    const active = document.activeElement;
    if (!active || active === document.body) box.current?.focus();
  }, []);

  useEffect(() => {
    box.current?.querySelector('.ulv-cursor')?.scrollIntoView({ block: 'nearest' });
  }, [cursor, data]);

  const printPage = () => {
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return;
    openFile(() => call('vouchers.print', { ids }), { print: true }).catch((err: unknown) => reportError(message, err));
  };

  // Page-wide shortcuts (Alt+N is the module's: it works while the list is still loading).
  const keyRef = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keyRef.current = (e) => {
    if (document.querySelector('.ant-modal')) return;
    if (e.ctrlKey && !e.altKey && !e.shiftKey && e.code === 'KeyP') {
      e.preventDefault();
      printPage();
    }
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => keyRef.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.target !== box.current) return;
    const set = (p: Partial<ListParams>) => onParams({ ...params, ...p });
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      set({ cursor: Math.min(cursor + 1, rows.length - 1) });
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      set({ cursor: Math.max(cursor - 1, 0) });
    } else if (e.key === 'Home') {
      e.preventDefault();
      set({ cursor: 0 });
    } else if (e.key === 'End') {
      e.preventDefault();
      set({ cursor: rows.length - 1 });
    } else if (e.key === 'PageDown' && params.page < pages) {
      e.preventDefault();
      set({ page: params.page + 1, cursor: 0 });
    } else if (e.key === 'PageUp' && params.page > 1) {
      e.preventDefault();
      set({ page: params.page - 1, cursor: 0 });
    } else if (e.key === 'Enter' && rows[cursor]) {
      e.preventDefault();
      onOpen(rows[cursor].id);
    }
  };

  return (
    <div className="ulv-page">
      <div className="ulv-toolbar">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            凭证列表
          </Typography.Title>
          <span>会计期间</span>
          <DatePicker
            picker="month"
            aria-label="会计期间"
            allowClear={false}
            format="YYYY年MM月"
            value={params.period ? dayjs(`${params.period}-01`) : null}
            onChange={(d) => d && onParams({ ...params, period: d.format('YYYY-MM'), page: 1, cursor: 0 })}
          />
          <Select<VoucherStatus | 'all'>
            aria-label="状态"
            style={{ width: 120 }}
            value={params.status ?? 'all'}
            onChange={(s) => onParams({ ...params, status: s === 'all' ? null : s, page: 1, cursor: 0 })}
            options={[
              { value: 'all', label: '全部状态' },
              { value: 'draft', label: STATUS_LABEL.draft },
              { value: 'reviewed', label: STATUS_LABEL.reviewed },
              { value: 'posted', label: STATUS_LABEL.posted },
            ]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)} aria-label="刷新" />
        </Space>
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={printPage} disabled={rows.length === 0}>
            打印本页凭证 <Kbd k="Ctrl+P" />
          </Button>
          {canPrepare && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
              新建凭证 <Kbd k="Alt+N" />
            </Button>
          )}
        </Space>
      </div>
      {extra && <div className="ule-entries-bar">{extra}</div>}
      <div ref={box} tabIndex={0} className="ulv-listbox" onKeyDown={onKeyDown} aria-label="凭证列表（↑↓ 选择，Enter 打开）">
        <Table<VoucherSummary>
          size="middle"
          rowKey="id"
          loading={loading}
          columns={columns}
          dataSource={rows}
          rowClassName={(_, i) => `ulv-row${i === cursor ? ' ulv-cursor' : ''}`}
          onRow={(r, i) => ({
            onClick: () => onParams({ ...params, cursor: i ?? 0 }),
            onDoubleClick: () => onOpen(r.id),
          })}
          locale={{ emptyText: canPrepare ? '本期间还没有凭证。按 Alt+N 填制第一张凭证。' : '本期间还没有凭证。' }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => `共 ${n} 张`,
            onChange: (page, pageSize) => onParams({ ...params, page, pageSize, cursor: 0 }),
          }}
        />
      </div>
      <div className="ulv-keys">
        <Kbd k="↑/↓" /> 选择 <Kbd k="Enter" /> 打开 <Kbd k="PgUp/PgDn" /> 翻页 {canPrepare && <><Kbd k="Alt+N" /> 新建凭证</>} <Kbd k="Ctrl+P" /> 打印本页
      </div>
    </div>
  );
}
