// The 账簿 module: #/books/<tab> — 科目余额表, 总账, 明细账, 现金日记账, 银行存款日记账, 固定资产, 银行对账, 结账.
import { useEffect, useState } from 'react';
import { Alert, Spin, Tabs } from 'antd';
import dayjs from 'dayjs';
import { call } from '../../api';
import ClosingTab from '../closing/ClosingTab';
import { thisMonth, useAccounts } from './common';
import TrialBalanceTab from './TrialBalanceTab';
import GeneralLedgerTab from './GeneralLedgerTab';
import DetailLedgerTab from './DetailLedgerTab';
import JournalTab from './JournalTab';
import AssetsTab from '../assets/AssetsTab';
import BankReconciliationTab from '../bank/BankReconciliationTab';
import './books.css';

const TABS = ['trial', 'general', 'detail', 'cash', 'bank', 'assets', 'reconcile', 'closing'] as const;
type Tab = (typeof TABS)[number];

function readTab(): Tab {
  const part = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[1];
  return TABS.find((t) => t === part) ?? 'trial';
}

/** The period with the latest vouchers; this month when there are none. */
function useLatestPeriod(): string | null {
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
  return period;
}

export default function BooksPage() {
  const [tab, setTab] = useState<Tab>(readTab);
  const { accounts, error } = useAccounts();
  const period = useLatestPeriod();

  useEffect(() => {
    const onChange = () => setTab(readTab());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const choose = (key: string) => {
    const t = TABS.find((x) => x === key) ?? 'trial';
    window.history.replaceState(null, '', `#/books/${t}`);
    setTab(t);
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!accounts || !period) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin tip="正在打开账簿…">
          <div style={{ width: 200, height: 60 }} />
        </Spin>
      </div>
    );
  }
  const year = Number(period.slice(0, 4));
  const from = `${period}-01`;
  const to = dayjs(from).endOf('month').format('YYYY-MM-DD');
  return (
    <div className="ulb-page">
      <Tabs
        activeKey={tab}
        onChange={choose}
        destroyOnHidden={false}
        items={[
          { key: 'trial', label: '科目余额表', children: <TrialBalanceTab initialPeriod={period} /> },
          { key: 'general', label: '总账', children: <GeneralLedgerTab accounts={accounts} initialYear={year} /> },
          { key: 'detail', label: '明细账', children: <DetailLedgerTab accounts={accounts} initialFrom={`${year}-01-01`} initialTo={to} /> },
          { key: 'cash', label: '现金日记账', children: <JournalTab kind="cash" initialFrom={from} initialTo={to} /> },
          { key: 'bank', label: '银行存款日记账', children: <JournalTab kind="bank" initialFrom={from} initialTo={to} /> },
          { key: 'assets', label: '固定资产', children: <AssetsTab initialPeriod={period} /> },
          { key: 'reconcile', label: '银行对账', children: <BankReconciliationTab initialPeriod={period} /> },
          { key: 'closing', label: '结账', children: <ClosingTab initialYear={year} /> },
        ]}
      />
    </div>
  );
}
