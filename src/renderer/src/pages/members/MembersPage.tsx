// The 会员与会费 module: #/members/<tab> — 会员名册, 导入导出, 会费, 欠费与报表.
// Write actions are shown to the accountant and the supervisor only; the others read.
import { useEffect, useState } from 'react';
import { Tabs } from 'antd';
import { useSession } from '../../layout/SessionContext';
import { canWriteMembers } from './common';
import RosterTab from './RosterTab';
import ImportTab from './ImportTab';
import DuesTab from './DuesTab';
import DuesReportsTab from './DuesReportsTab';
import './members.css';

const TABS = ['roster', 'import', 'dues', 'reports'] as const;
type Tab = (typeof TABS)[number];

function readTab(): Tab {
  const part = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[1];
  return TABS.find((t) => t === part) ?? 'roster';
}

export default function MembersPage() {
  const { user } = useSession();
  const canWrite = canWriteMembers(user.roles);
  const [tab, setTab] = useState<Tab>(readTab);
  useEffect(() => {
    const onChange = () => setTab(readTab());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const choose = (key: string) => {
    const t = TABS.find((x) => x === key) ?? 'roster';
    window.history.replaceState(null, '', `#/members/${t}`);
    setTab(t);
  };
  return (
    <div className="ulm-page">
      <Tabs
        activeKey={tab}
        onChange={choose}
        destroyOnHidden
        items={[
          { key: 'roster', label: '会员名册', children: <RosterTab canWrite={canWrite} /> },
          { key: 'import', label: canWrite ? '导入导出' : '导出', children: <ImportTab canWrite={canWrite} /> },
          { key: 'dues', label: '会费', children: <DuesTab canWrite={canWrite} /> },
          { key: 'reports', label: '欠费与报表', children: <DuesReportsTab /> },
        ]}
      />
    </div>
  );
}
