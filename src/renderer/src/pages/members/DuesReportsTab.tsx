// 欠费与报表: 欠费名单 (CHK-DUES-1 at six months, never an automatic withdrawal), 会费台账 (member ×
// month, group totals; paged, for up to 20,000 members), 收缴率 by 工会小组, a member's annual
// statement and dues income by month beside 401 in the books. Each prints and exports.
import { useMemo, useState } from 'react';
import { Alert, Input, Segmented, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { ArrearsRow, CollectionRateRow, DuesLedgerRow, DuesLedgerTotal, IncomeMonth, MonthCell, StatementPayment } from '@contract/dues';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { MonthPicker, thisMonth, YearPicker } from '../books/common';
import { voucherNo } from '../vouchers/model';
import { Busy, DuesExportButtons, LineStateTag, MemberPicker, percent, Section, useData, Yuan, type PickedMember } from './common';

type Sub = 'arrears' | 'ledger' | 'rate' | 'statement' | 'income';

export default function DuesReportsTab() {
  const [sub, setSub] = useState<Sub>('arrears');
  return (
    <Tabs
      type="card"
      size="small"
      activeKey={sub}
      onChange={(k) => setSub(k as Sub)}
      destroyOnHidden
      items={[
        { key: 'arrears', label: '欠费名单', children: <ArrearsView /> },
        { key: 'ledger', label: '会费台账', children: <LedgerView /> },
        { key: 'rate', label: '收缴率', children: <RateView /> },
        { key: 'statement', label: '个人年度缴费明细', children: <StatementView /> },
        { key: 'income', label: '按月会费收入', children: <IncomeView /> },
      ]}
    />
  );
}

const RULE_TEXT = '章程 第六条：会员没有正当理由连续六个月不交纳会费、不参加工会组织生活，经教育拒不改正，应当视为自动退会。系统只作提示，不自动退会：请了解原因、做好教育工作，并记录经过和工会委员会的决定。';

// ---------- 欠费名单 ----------

function ArrearsView() {
  const [asOf, setAsOf] = useState(thisMonth());
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [q, setQ] = useState('');
  const { data, error, loading } = useData(() => call('dues.arrears', { asOf }), [asOf]);
  const text = q.trim();
  const rows = (data?.rows ?? []).filter((r) => (!onlyFlagged || r.findings.length > 0) && (!text || r.name.includes(text) || r.employeeNo.includes(text) || r.groupName.includes(text)));
  return (
    <Section
      title="欠费名单"
      extra={
        <Space wrap>
          <span>截至</span>
          <MonthPicker label="截至月份" value={asOf} onChange={setAsOf} />
          <Input.Search aria-label="查找欠费会员" placeholder="姓名、工号或小组" allowClear value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />
          <Segmented<string> value={onlyFlagged ? 'flag' : 'all'} onChange={(v) => setOnlyFlagged(v === 'flag')} options={[{ value: 'all', label: '全部' }, { value: 'flag', label: '连续 6 个月以上' }]} />
          <DuesExportButtons request={{ report: 'arrears', asOf }} />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {loading && !data && <Busy text="正在统计…" />}
      {data && (
        <Typography.Paragraph>
          截至 {data.asOf}：欠缴会员 <strong>{data.members}</strong> 人，欠缴合计 <strong className="ulm-num">{formatYuan(data.owedFen)}</strong> 元；连续 6 个月以上未缴{' '}
          <strong className={data.flagged ? 'ulm-red' : undefined}>{data.flagged}</strong> 人。只有凭证已记账的缴款才计为已缴，“待记账”为已开收据或已代扣但凭证尚未记账的金额。
        </Typography.Paragraph>
      )}
      {data && data.flagged > 0 && <Alert type="warning" showIcon className="ulm-rule" title="CHK-DUES-1 连续六个月未交纳会费" description={RULE_TEXT} />}
      <Table<ArrearsRow>
        aria-label="欠费名单"
        size="small"
        rowKey="memberId"
        loading={loading}
        dataSource={rows}
        rowClassName={(r) => (r.findings.length ? 'ulm-flag-row' : '')}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
        columns={[
          { title: '工号', dataIndex: 'employeeNo', width: 90 },
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '工会小组', dataIndex: 'groupName', width: 100 },
          { title: '状态', dataIndex: 'status', width: 110 },
          { title: '欠缴月数', key: 'n', width: 80, align: 'right', render: (_: unknown, r) => r.months.length },
          { title: '欠缴月份', dataIndex: 'months', render: (m: string[]) => <span className="ulm-months">{m.join('、')}</span> },
          { title: '欠缴金额', dataIndex: 'owedFen', width: 110, align: 'right', render: (f: number) => <Yuan fen={f} /> },
          { title: '待记账', dataIndex: 'pendingFen', width: 100, align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
          {
            title: '连续未缴',
            dataIndex: 'consecutive',
            width: 150,
            render: (n: number, r) =>
              r.findings.length ? (
                <Tooltip title={r.findings.map((f) => `${f.message}（${f.citation}）`).join('\n')}>
                  <Tag color="red" icon={<WarningOutlined />}>
                    {n} 个月 · CHK-DUES-1
                  </Tag>
                </Tooltip>
              ) : (
                `${n} 个月`
              ),
          },
        ]}
      />
    </Section>
  );
}

// ---------- 会费台账 ----------

const MONTHS = Array.from({ length: 12 }, (_, i) => i);

function cellText(c: MonthCell): { text: string; cls: string; title: string } {
  if (c.dueFen === null) return { text: '', cls: '', title: '无会费' };
  if (c.exemptReason) return { text: '免', cls: 'ulm-muted', title: c.exemptReason };
  const owed = c.dueFen - c.paidFen;
  const title = `应缴 ${formatYuan(c.dueFen)}，已缴 ${formatYuan(c.paidFen)}`;
  if (owed > 0) return { text: formatYuan(c.paidFen), cls: 'ulm-owed', title };
  return { text: formatYuan(c.paidFen), cls: '', title };
}

function LedgerView() {
  const [year, setYear] = useState(Number(thisMonth().slice(0, 4)));
  const [group, setGroup] = useState<string | null>(null);
  const [onlyOwing, setOnlyOwing] = useState(false);
  const { data, error, loading } = useData(() => call('dues.ledger', { year }), [year]);
  const rows = useMemo(() => (data?.rows ?? []).filter((r) => (group === null || r.groupName === group) && (!onlyOwing || r.owedFen > 0)), [data, group, onlyOwing]);

  const memberCols: TableColumnsType<DuesLedgerRow> = [
    { title: '工号', dataIndex: 'employeeNo', width: 80, fixed: 'left' },
    { title: '姓名', dataIndex: 'name', width: 80, fixed: 'left' },
    { title: '小组', dataIndex: 'groupName', width: 80 },
    ...MONTHS.map((i) => ({
      title: `${i + 1}月`,
      key: `m${i}`,
      width: 76,
      align: 'right' as const,
      render: (_: unknown, r: DuesLedgerRow) => {
        const c = r.months[i];
        if (!c) return null;
        const t = cellText(c);
        return (
          <span className={`ulm-num ${t.cls}`} title={t.title}>
            {t.text}
          </span>
        );
      },
    })),
    { title: '应缴', dataIndex: 'dueFen', width: 90, align: 'right', render: (f: number) => <Yuan fen={f} /> },
    { title: '已缴', dataIndex: 'paidFen', width: 90, align: 'right', render: (f: number) => <Yuan fen={f} /> },
    { title: '欠缴', dataIndex: 'owedFen', width: 90, align: 'right', render: (f: number) => <Yuan fen={f} blankZero red /> },
  ];
  const totalCols: TableColumnsType<DuesLedgerTotal> = [
    { title: '工会小组', dataIndex: 'groupName', width: 100, fixed: 'left' },
    { title: '人数', dataIndex: 'members', width: 60, align: 'right' },
    ...MONTHS.map((i) => ({
      title: `${i + 1}月已缴`,
      key: `m${i}`,
      width: 84,
      align: 'right' as const,
      render: (_: unknown, t: DuesLedgerTotal) => {
        const m = t.months[i];
        return m ? <span className={`ulm-num${m.paidFen < m.dueFen ? ' ulm-owed' : ''}`} title={`应缴 ${formatYuan(m.dueFen)}`}>{m.dueFen || m.paidFen ? formatYuan(m.paidFen) : ''}</span> : null;
      },
    })),
    { title: '应缴', dataIndex: 'dueFen', width: 100, align: 'right', render: (f: number) => <Yuan fen={f} /> },
    { title: '已缴', dataIndex: 'paidFen', width: 100, align: 'right', render: (f: number) => <Yuan fen={f} /> },
    { title: '欠缴', dataIndex: 'owedFen', width: 100, align: 'right', render: (f: number) => <Yuan fen={f} blankZero red /> },
  ];
  const totals = data ? [...data.groups, { ...data.total, groupName: '全会合计' }] : [];
  return (
    <Section
      title="会费台账"
      extra={
        <Space wrap>
          <YearPicker label="台账年度" value={year} onChange={setYear} />
          <DuesExportButtons request={{ report: 'ledger', year }} disabled={!data} />
        </Space>
      }
    >
      {loading && <Busy text={`正在汇总 ${year} 年会费台账…`} />}
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <>
          <Table<DuesLedgerTotal & { key: string }>
            aria-label="小组合计"
            size="small"
            bordered
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(r) => (r.key === '__total' ? 'ulm-total' : '')}
            dataSource={totals.map((t, i) => ({ ...t, key: i === totals.length - 1 ? '__total' : `g${t.groupId ?? 'none'}` }))}
            columns={totalCols as TableColumnsType<DuesLedgerTotal & { key: string }>}
          />
          <div className="ulm-toolbar ulm-gap">
            <Space>
              <Select
                aria-label="台账小组"
                allowClear
                placeholder="全部小组"
                value={group ?? undefined}
                onChange={(v: string | undefined) => setGroup(v ?? null)}
                options={data.groups.map((g) => ({ value: g.groupName, label: g.groupName }))}
                style={{ width: 150 }}
              />
              <Segmented<string> value={onlyOwing ? 'owing' : 'all'} onChange={(v) => setOnlyOwing(v === 'owing')} options={[{ value: 'all', label: '全部会员' }, { value: 'owing', label: '只看欠缴' }]} />
            </Space>
            <Typography.Text type="secondary">每格为当月已缴金额（记账凭证为准）；红色为未缴足，“免”为保留会籍免缴。</Typography.Text>
          </div>
          <Table<DuesLedgerRow>
            aria-label="会员台账"
            size="small"
            bordered
            rowKey="memberId"
            dataSource={rows}
            columns={memberCols}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 100, showSizeChanger: true, pageSizeOptions: [50, 100, 200], showTotal: (n) => `共 ${n} 名会员` }}
          />
        </>
      )}
    </Section>
  );
}

// ---------- 收缴率 ----------

function RateView() {
  const [mode, setMode] = useState<'year' | 'month'>('year');
  const [year, setYear] = useState(Number(thisMonth().slice(0, 4)));
  const [month, setMonth] = useState(thisMonth());
  const q = mode === 'year' ? { year } : { month };
  const { data, error, loading } = useData(() => call('dues.collectionRate', q), [mode, year, month]);
  const rows = data ? [...data.groups, { ...data.total, groupName: '合计' }] : [];
  return (
    <Section
      title={`会费收缴率${data ? `（${data.periodLabel}）` : ''}`}
      extra={
        <Space wrap>
          <Segmented<string> value={mode} onChange={(v) => setMode(v === 'month' ? 'month' : 'year')} options={[{ value: 'year', label: '按年' }, { value: 'month', label: '按月' }]} />
          {mode === 'year' ? <YearPicker label="收缴率年度" value={year} onChange={setYear} /> : <MonthPicker label="收缴率月份" value={month} onChange={setMonth} />}
          <DuesExportButtons request={{ report: 'collectionRate', ...q }} />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      <Table<CollectionRateRow & { key: number }>
        aria-label="收缴率"
        size="small"
        bordered
        loading={loading}
        pagination={false}
        rowClassName={(_, i) => (i === rows.length - 1 ? 'ulm-total' : '')}
        dataSource={rows.map((r, i) => ({ ...r, key: i }))}
        columns={[
          { title: '工会小组', dataIndex: 'groupName' },
          { title: '应缴人数', dataIndex: 'membersDue', align: 'right' },
          { title: '缴清人数', dataIndex: 'membersPaid', align: 'right' },
          { title: '应缴金额', dataIndex: 'dueFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
          { title: '实缴金额', dataIndex: 'paidFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
          { title: '收缴率（人数）', dataIndex: 'rateByCount', align: 'right', render: (r: number | null) => <span className="ulm-num">{percent(r)}</span> },
          { title: '收缴率（金额）', dataIndex: 'rateByAmount', align: 'right', render: (r: number | null) => <span className="ulm-num">{percent(r)}</span> },
        ]}
      />
    </Section>
  );
}

// ---------- 个人年度缴费明细 ----------

const METHOD_LABEL: Record<StatementPayment['method'], string> = { payroll: '工资代扣', cash: '现金', bank: '银行' };

function StatementView() {
  const [year, setYear] = useState(Number(thisMonth().slice(0, 4)));
  const [member, setMember] = useState<PickedMember | null>(null);
  const { data, error, loading } = useData(member ? () => call('dues.memberStatement', { memberId: member.id, year }) : null, [member?.id, year]);
  return (
    <Section
      title="个人年度缴费明细"
      extra={
        <Space wrap>
          <MemberPicker label="对账会员" value={member?.id ?? null} onChange={setMember} width={320} />
          <YearPicker label="对账年度" value={year} onChange={setYear} />
          {member && <DuesExportButtons request={{ report: 'memberStatement', memberId: member.id, year }} />}
        </Space>
      }
    >
      {!member && <Typography.Text type="secondary">选择一名会员查看其全年应缴、已缴与每笔缴款。</Typography.Text>}
      {error && <Alert type="error" showIcon title={error} />}
      {member && loading && <Busy text="正在查询…" />}
      {data && member && (
        <>
          <Typography.Paragraph>
            {data.employeeNo} {data.name}（{data.groupName}，{data.status}）{data.year} 年：应缴 <strong className="ulm-num">{formatYuan(data.dueFen)}</strong>，已缴{' '}
            <strong className="ulm-num">{formatYuan(data.paidFen)}</strong>，欠缴 <strong className={`ulm-num${data.owedFen > 0 ? ' ulm-red' : ''}`}>{formatYuan(data.owedFen)}</strong> 元。
          </Typography.Paragraph>
          <Table
            aria-label="逐月明细"
            size="small"
            bordered
            rowKey="month"
            pagination={false}
            dataSource={data.months}
            columns={[
              { title: '月份', dataIndex: 'month', width: 90 },
              { title: '基数', dataIndex: 'baseFen', align: 'right', render: (f: number | null) => <Yuan fen={f} blankZero /> },
              { title: '应缴', dataIndex: 'dueFen', align: 'right', render: (f: number | null) => <Yuan fen={f} /> },
              { title: '已缴', dataIndex: 'paidFen', align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
              { title: '状态', dataIndex: 'state', render: (s: (typeof data.months)[number]['state'], r) => (s === 'none' ? <span className="ulm-muted">无会费</span> : <LineStateTag state={s} title={r.exemptReason} />) },
            ]}
          />
          <h4 className="ulm-subhead">缴款记录</h4>
          <Table<StatementPayment & { key: number }>
            aria-label="缴款记录"
            size="small"
            pagination={false}
            dataSource={data.payments.map((p, i) => ({ ...p, key: i }))}
            columns={[
              { title: '日期', dataIndex: 'date', width: 110 },
              { title: '所属月份', dataIndex: 'month', width: 90 },
              { title: '方式', dataIndex: 'method', width: 90, render: (m: StatementPayment['method']) => METHOD_LABEL[m] },
              { title: '金额', dataIndex: 'amountFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
              { title: '收据', dataIndex: 'receiptLabel', render: (s: string | null) => s ?? '' },
              {
                title: '凭证',
                key: 'v',
                render: (_: unknown, p) => (
                  <a href={`#/vouchers/${p.voucherId}`}>
                    {p.voucherLabel || voucherNo({ word: '记', number: null, status: p.voucherStatus })}
                    {p.voucherStatus !== 'posted' && <Tag style={{ marginLeft: 6 }}>未记账</Tag>}
                  </a>
                ),
              },
            ]}
          />
        </>
      )}
    </Section>
  );
}

// ---------- 按月会费收入 ----------

function IncomeView() {
  const [year, setYear] = useState(Number(thisMonth().slice(0, 4)));
  const { data, error, loading } = useData(() => call('dues.incomeByMonth', { year }), [year]);
  const rows = data ? [...data.months, { ...data.total, period: '全年合计' }] : [];
  const off = data ? data.months.filter((m) => m.differenceFen !== 0) : [];
  return (
    <Section
      title="按月会费收入"
      extra={
        <Space wrap>
          <YearPicker label="收入年度" value={year} onChange={setYear} />
          <DuesExportButtons request={{ report: 'incomeByMonth', year }} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">按凭证记账月份统计已记账的会费缴款，并与账簿中 401 会费收入的贷方发生额对照；差额应为零。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      {off.length > 0 && <Alert type="warning" showIcon className="ulm-gap" title={`${off.map((m) => m.period).join('、')} 的会费缴款与账簿 401 不一致：可能有手工录入的会费凭证。`} />}
      <Table<IncomeMonth>
        aria-label="按月会费收入"
        size="small"
        bordered
        rowKey="period"
        loading={loading}
        pagination={false}
        rowClassName={(r) => (r.period === '全年合计' ? 'ulm-total' : '')}
        dataSource={rows}
        columns={[
          { title: '月份', dataIndex: 'period', width: 100 },
          { title: '工资代扣', dataIndex: 'payrollFen', align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
          { title: '现金', dataIndex: 'cashFen', align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
          { title: '银行', dataIndex: 'bankFen', align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
          { title: '会费收入合计', dataIndex: 'totalFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
          { title: '账簿 401 贷方', dataIndex: 'books401Fen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
          { title: '差额', dataIndex: 'differenceFen', align: 'right', render: (f: number) => (f === 0 ? <span className="ulm-muted">0.00</span> : <Yuan fen={f} red />) },
        ]}
      />
    </Section>
  );
}
