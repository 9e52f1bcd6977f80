// The 预算 module: #/budget/<tab> — 年度预算 (编制、审批、调整), 预算执行, 决算.
import { useEffect, useState } from 'react';
import { Alert, Spin, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useAccounts } from '../books/common';
import BudgetTab from './BudgetTab';
import ExecutionTab from './ExecutionTab';
import FinalTab from './FinalTab';
import '../books/books.css';
import './budget.css';

const TABS = ['plan', 'execution', 'final'] as const;
type Tab = (typeof TABS)[number];

function readTab(): Tab {
  const part = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[1];
  return TABS.find((t) => t === part) ?? 'plan';
}

export default function BudgetPage() {
  const [tab, setTab] = useState<Tab>(readTab);
  const [year, setYear] = useState<number>(() => dayjs().year());
  const { accounts, error } = useAccounts();

  useEffect(() => {
    const onChange = () => setTab(readTab());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const choose = (key: string) => {
    const t = TABS.find((x) => x === key) ?? 'plan';
    window.history.replaceState(null, '', `#/budget/${t}`);
    setTab(t);
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!accounts) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin tip="正在打开预算…">
          <div style={{ width: 200, height: 60 }} />
        </Spin>
      </div>
    );
  }
  return (
    <div className="ulb-page">
      <Tabs
        activeKey={tab}
        onChange={choose}
        destroyOnHidden
        items={[
          { key: 'plan', label: '年度预算', children: <BudgetTab accounts={accounts} year={year} onYear={setYear} /> },
          { key: 'execution', label: '预算执行', children: <ExecutionTab year={year} onYear={setYear} /> },
          { key: 'final', label: '决算', children: <FinalTab year={year} onYear={setYear} /> },
        ]}
      />
    </div>
  );
}
