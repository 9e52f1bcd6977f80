// The 报表 module: #/reports/<tab> — 资产负债表 (工会01表) and 收入支出表 (工会02表), monthly or annual.
import { useEffect, useState } from 'react';
import { Alert, Button, Segmented, Space, Spin, Tabs } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { call } from '../../api';
import { MonthPicker, YearPicker, thisMonth, useFirstFiscalYear, useLoad } from '../books/common';
import ExportButtons from '../books/ExportButtons';
import BalanceSheetView from './BalanceSheetView';
import IncomeStatementView from './IncomeStatementView';
import '../books/books.css';

const TABS = ['balance', 'income'] as const;
type Tab = (typeof TABS)[number];

function readTab(): Tab {
  const part = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[1];
  return TABS.find((t) => t === part) ?? 'balance';
}

function Toolbar({ period, annual, onPeriod, onAnnual, reload }: { period: string; annual: boolean; onPeriod: (p: string) => void; onAnnual: (a: boolean) => void; reload: () => void }) {
  return (
    <Space wrap>
      <Segmented aria-label="报表期间类型" value={annual ? 'year' : 'month'} onChange={(v) => onAnnual(v === 'year')} options={[{ label: '月报', value: 'month' }, { label: '年报', value: 'year' }]} />
      {annual ? (
        <YearPicker label="报表年度" value={Number(period.slice(0, 4))} onChange={(y) => onPeriod(`${y}-12`)} />
      ) : (
        <MonthPicker label="报表期间" value={period} onChange={onPeriod} />
      )}
      <Button icon={<ReloadOutlined />} onClick={reload}>
        刷新
      </Button>
    </Space>
  );
}

function BalanceSheetTab({ initialPeriod }: { initialPeriod: string }) {
  const [period, setPeriod] = useState(initialPeriod);
  const [annual, setAnnual] = useState(false);
  const firstYear = useFirstFiscalYear();
  const effective = annual ? `${period.slice(0, 4)}-12` : period;
  const { data, error, loading, reload } = useLoad(() => call('statements.balanceSheet', { period: effective, annual }), [effective, annual]);
  return (
    <div>
      <div className="ulb-toolbar">
        <Toolbar period={period} annual={annual} onPeriod={setPeriod} onAnnual={setAnnual} reload={reload} />
        <ExportButtons request={{ report: 'balanceSheet', period: effective, annual }} disabled={!data} />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>{data && <BalanceSheetView data={data} firstYear={firstYear} />}</Spin>
    </div>
  );
}

function IncomeStatementTab({ initialPeriod }: { initialPeriod: string }) {
  const [period, setPeriod] = useState(initialPeriod);
  const [annual, setAnnual] = useState(false);
  const effective = annual ? `${period.slice(0, 4)}-12` : period;
  const { data, error, loading, reload } = useLoad(() => call('statements.incomeStatement', { period: effective, annual }), [effective, annual]);
  return (
    <div>
      <div className="ulb-toolbar">
        <Toolbar period={period} annual={annual} onPeriod={setPeriod} onAnnual={setAnnual} reload={reload} />
        <ExportButtons request={{ report: 'incomeStatement', period: effective, annual }} disabled={!data} />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>{data && <IncomeStatementView data={data} />}</Spin>
    </div>
  );
}

export default function ReportsPage() {
  const [tab, setTab] = useState<Tab>(readTab);
  const [period, setPeriod] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('vouchers.list', { page: 1, pageSize: 1, status: 'posted' })
      .then((p) => live && setPeriod(p.rows[0]?.period ?? thisMonth()))
      .catch(() => live && setPeriod(thisMonth()));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const onChange = () => setTab(readTab());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  if (!period) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin tip="正在打开报表…">
          <div style={{ width: 200, height: 60 }} />
        </Spin>
      </div>
    );
  }
  return (
    <div className="ulb-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const t = TABS.find((x) => x === k) ?? 'balance';
          window.history.replaceState(null, '', `#/reports/${t}`);
          setTab(t);
        }}
        items={[
          { key: 'balance', label: '资产负债表（工会01表）', children: <BalanceSheetTab initialPeriod={period} /> },
          { key: 'income', label: '收入支出表（工会02表）', children: <IncomeStatementTab initialPeriod={period} /> },
        ]}
      />
    </div>
  );
}
