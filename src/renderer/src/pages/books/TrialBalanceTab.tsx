// 科目余额表: 期初余额, 本期发生额, 期末余额 for a range of months. First-level accounts in bold,
// their details shown on demand (click ▸ or → / ←); every amount opens the vouchers behind it;
// Enter opens the highlighted row's 本期发生额.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Space, Spin, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { TrialBalance, TrialBalanceRow } from '@contract/ledger';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { Amount, BookHeading, MonthPicker, previousMonth, useFirstFiscalYear, useRowCursor } from './common';
import type { DrillRequest } from './DrillDrawer';
import DrillDrawer from './DrillDrawer';
import ExportButtons from './ExportButtons';

const PAGE = 60;

type Col = 'opening' | 'movement' | 'closing';

export default function TrialBalanceTab({ initialPeriod }: { initialPeriod: string }) {
  const [from, setFrom] = useState(initialPeriod);
  const [to, setTo] = useState(initialPeriod);
  const [includeZero, setIncludeZero] = useState(false);
  const [data, setData] = useState<TrialBalance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const firstYear = useFirstFiscalYear();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    call('books.trialBalance', { from, to, includeZero })
      .then((d) => live && setData(d))
      .catch((err: unknown) => {
        if (!live) return;
        setData(null);
        setError(errorMessage(err));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [from, to, includeZero, tick]);

  const children = useMemo(() => {
    const m = new Map<string, TrialBalanceRow[]>();
    for (const r of data?.rows ?? []) {
      if (r.parentCode) m.set(r.parentCode, [...(m.get(r.parentCode) ?? []), r]);
    }
    return m;
  }, [data]);

  /** First-level rows, and the details of the expanded ones under them. */
  const visible = useMemo(() => {
    const out: TrialBalanceRow[] = [];
    const add = (r: TrialBalanceRow) => {
      out.push(r);
      if (expanded.has(r.code)) for (const c of children.get(r.code) ?? []) add(c);
    };
    for (const r of data?.rows ?? []) if (r.level === 1) add(r);
    return out;
  }, [data, children, expanded]);

  const drillFor = (r: TrialBalanceRow, col: Col, what: string): DrillRequest | null => {
    const name = `${r.code} ${r.fullName} ${what}`;
    if (col === 'movement') return { title: name, accounts: [r.code], from, to };
    if (col === 'closing') return { title: name, accounts: [r.code], from: `${firstYear ?? from.slice(0, 4)}-01`, to };
    // Opening: everything before the range (nothing to list when the range starts the ledger).
    if (firstYear === null || from <= `${firstYear}-01`) return null;
    return { title: name, accounts: [r.code], from: `${firstYear}-01`, to: previousMonth(from) };
  };

  const { cursor, setCursor, page, pagination, boxProps } = useRowCursor(visible, PAGE, (r) => setDrill(drillFor(r, 'movement', '本期发生额')));

  const toggle = (code: string, open?: boolean) =>
    setExpanded((s) => {
      const n = new Set(s);
      if (open ?? !n.has(code)) n.add(code);
      else n.delete(code);
      return n;
    });

  const cell = (r: TrialBalanceRow, key: keyof TrialBalanceRow & ('openingDebit' | 'openingCredit' | 'debit' | 'credit' | 'closingDebit' | 'closingCredit'), col: Col, what: string) => {
    const req = drillFor(r, col, what);
    return <Amount value={r[key]} label={`${r.code} ${what}`} onOpen={req ? () => setDrill(req) : undefined} />;
  };

  const columns: TableColumnsType<TrialBalanceRow> = [
    {
      title: '科目编码',
      dataIndex: 'code',
      width: 130,
      render: (code: string, r) => {
        const kids = children.get(code);
        return (
          <span style={{ paddingLeft: (r.level - 1) * 14 }}>
            {kids && kids.length > 0 ? (
              <button
                type="button"
                className="ulb-expander"
                aria-label={expanded.has(code) ? `收起 ${code} 的明细科目` : `展开 ${code} 的明细科目`}
                aria-expanded={expanded.has(code)}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(code);
                }}
              >
                {expanded.has(code) ? '▾' : '▸'}
              </button>
            ) : (
              <span className="ulb-expander-space" />
            )}
            {code}
          </span>
        );
      },
    },
    { title: '科目名称', dataIndex: 'name', ellipsis: true, render: (name: string, r) => <span style={{ paddingLeft: (r.level - 1) * 14 }}>{name}</span> },
    {
      title: '期初余额',
      children: [
        { title: '借方', key: 'od', width: 128, align: 'right', render: (_: unknown, r) => cell(r, 'openingDebit', 'opening', '期初借方余额') },
        { title: '贷方', key: 'oc', width: 128, align: 'right', render: (_: unknown, r) => cell(r, 'openingCredit', 'opening', '期初贷方余额') },
      ],
    },
    {
      title: '本期发生额',
      children: [
        { title: '借方', key: 'd', width: 128, align: 'right', render: (_: unknown, r) => cell(r, 'debit', 'movement', '本期借方发生额') },
        { title: '贷方', key: 'c', width: 128, align: 'right', render: (_: unknown, r) => cell(r, 'credit', 'movement', '本期贷方发生额') },
      ],
    },
    {
      title: '期末余额',
      children: [
        { title: '借方', key: 'cd', width: 128, align: 'right', render: (_: unknown, r) => cell(r, 'closingDebit', 'closing', '期末借方余额') },
        { title: '贷方', key: 'cc', width: 128, align: 'right', render: (_: unknown, r) => cell(r, 'closingCredit', 'closing', '期末贷方余额') },
      ],
    },
  ];

  const t = data?.totals;
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>期间</span>
          <MonthPicker label="起始期间" value={from} onChange={(v) => (setFrom(v), v > to && setTo(v))} />
          <span>至</span>
          <MonthPicker label="截止期间" value={to} onChange={(v) => (setTo(v), v < from && setFrom(v))} />
          <Checkbox checked={includeZero} onChange={(e) => setIncludeZero(e.target.checked)}>
            显示无余额无发生额的科目
          </Checkbox>
          <Button onClick={() => setExpanded(new Set(data?.rows.filter((r) => !r.leaf).map((r) => r.code)))}>全部展开</Button>
          <Button onClick={() => setExpanded(new Set())}>全部收起</Button>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)}>
            刷新
          </Button>
        </Space>
        <ExportButtons request={{ report: 'trialBalance', from, to, includeZero }} />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {data && <BookHeading title="科目余额表" unionName={data.unionName} periodLabel={data.periodLabel} />}
        <div
          {...boxProps}
          ref={box}
          aria-label="科目余额表（↑↓ 选择，→ 展开，← 收起，Enter 查看本期发生额凭证）"
          onKeyDown={(e) => {
            const r = visible[cursor];
            if (r && e.target === e.currentTarget && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
              e.preventDefault();
              if (e.key === 'ArrowRight') toggle(r.code, true);
              else if (expanded.has(r.code)) toggle(r.code, false);
              else if (r.parentCode) {
                const p = visible.findIndex((x) => x.code === r.parentCode);
                if (p >= 0) setCursor(p);
              }
              return;
            }
            boxProps.onKeyDown(e);
          }}
        >
          <Table<TrialBalanceRow>
            className="ulb-table"
            size="small"
            bordered
            rowKey="code"
            columns={columns}
            dataSource={visible}
            pagination={pagination}
            locale={{ emptyText: loading ? '正在计算…' : '此期间没有余额或发生额' }}
            rowClassName={(r, i) => `ulb-row${r.level === 1 ? ' ulb-level1' : ' ulb-detail'}${(page - 1) * PAGE + i === cursor ? ' ulb-cursor' : ''}`}
            onRow={(_, i) => ({ onClick: () => setCursor((page - 1) * PAGE + (i ?? 0)) })}
            summary={() =>
              t ? (
                <Table.Summary.Row className="ulb-total">
                  <Table.Summary.Cell index={0} colSpan={2} align="center">
                    合　　计
                  </Table.Summary.Cell>
                  {([t.openingDebit, t.openingCredit, t.debit, t.credit, t.closingDebit, t.closingCredit] as const).map((n, i) => (
                    <Table.Summary.Cell key={i} index={i + 2} align="right">
                      <Amount value={n} zero="0.00" />
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
      </Spin>
      <div className="ulb-keys">金额可点击查看来源凭证；表格获得焦点后 ↑↓ 选择科目，→/← 展开或收起明细科目，Enter 查看本期发生额的凭证。</div>
      <DrillDrawer request={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
