// The 支出审批 module: #/spending (the inbox of the user's role), #/spending/new, #/spending/<id>
// (one request), #/spending/benefits (福利台账).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Tabs } from 'antd';
import type { AccountInfo } from '@contract/books';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useSession } from '../../layout/SessionContext';
import { pickableAccounts } from '../vouchers/model';
import RequestList from './RequestList';
import RequestForm from './RequestForm';
import BenefitsTab from './BenefitsTab';
import { defaultInbox, type InboxKey } from './common';
import '../members/members.css';
import './spending.css';

type Sub = { kind: 'list' } | { kind: 'new' } | { kind: 'view'; id: number } | { kind: 'benefits' };

function readSub(): Sub {
  const parts = window.location.hash.replace(/^#\/?/, '').split(/[/?]/);
  if (parts[0] !== 'spending') return { kind: 'list' };
  if (parts[1] === 'new') return { kind: 'new' };
  if (parts[1] === 'benefits') return { kind: 'benefits' };
  const id = Number(parts[1]);
  return Number.isInteger(id) && id > 0 ? { kind: 'view', id } : { kind: 'list' };
}

export default function SpendingPage() {
  const { user } = useSession();
  const [sub, setSub] = useState<Sub>(readSub);
  const [inbox, setInbox] = useState<InboxKey>(() => defaultInbox(user.roles));
  const [accounts, setAccounts] = useState<AccountInfo[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  /** Bumped whenever the user opens a request or 新建 (the form starts afresh); not when a new draft gets its id. */
  const [session, setSession] = useState(0);

  useEffect(() => {
    const onChange = () => setSub(readSub());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  useEffect(() => {
    let live = true;
    call('accounts.list', {})
      .then((a) => live && setAccounts(a))
      .catch((e: unknown) => live && setFailed(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);
  const picks = useMemo(() => pickableAccounts(accounts), [accounts]);

  const go = useCallback((path: string, fresh: boolean) => {
    if (fresh) setSession((n) => n + 1);
    window.history.pushState(null, '', `#/spending${path}`);
    setSub(readSub());
  }, []);

  const onForm = sub.kind === 'new' || sub.kind === 'view';
  const tab = sub.kind === 'benefits' ? 'benefits' : 'requests';
  const canCreate = user.roles.some((r) => r === 'accountant' || r === 'supervisor' || r === 'cashier' || r === 'chair');

  if (failed) return <Alert type="error" showIcon title={failed} />;
  return (
    <div className="ulm-page uls-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => go(k === 'benefits' ? '/benefits' : '', false)}
        destroyOnHidden
        items={[
          {
            key: 'requests',
            label: '支出申请',
            children: onForm ? (
              <RequestForm
                key={session}
                id={sub.kind === 'view' ? sub.id : null}
                accounts={picks}
                onOpen={(id) => go(`/${id}`, false)}
                onBack={() => go('', false)}
              />
            ) : (
              <RequestList inbox={inbox} onInbox={setInbox} onOpen={(id) => go(`/${id}`, true)} onNew={() => go('/new', true)} canCreate={canCreate} />
            ),
          },
          { key: 'benefits', label: '福利台账', children: <BenefitsTab /> },
        ]}
      />
    </div>
  );
}
