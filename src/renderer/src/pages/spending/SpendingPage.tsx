// The 支出审批 module: #/spending (the inbox of the user's role), #/spending/new, #/spending/<id>
// (one request), #/spending/benefits (福利台账), #/spending/batch (批量发放 with the 签领表),
// #/spending/hardship (困难职工档案: the tab shows only for the chair and granted users).
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
import BatchTab from './BatchTab';
import HardshipTab from './HardshipTab';
import { defaultInbox, type InboxKey } from './common';
import '../members/members.css';
import './spending.css';

type Sub = { kind: 'list' } | { kind: 'new' } | { kind: 'view'; id: number } | { kind: 'benefits' } | { kind: 'batch' } | { kind: 'hardship' };

function readSub(): Sub {
  const parts = window.location.hash.replace(/^#\/?/, '').split(/[/?]/);
  if (parts[0] !== 'spending') return { kind: 'list' };
  if (parts[1] === 'new') return { kind: 'new' };
  if (parts[1] === 'benefits') return { kind: 'benefits' };
  if (parts[1] === 'batch') return { kind: 'batch' };
  if (parts[1] === 'hardship') return { kind: 'hardship' };
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
  const [mayReadHardship, setMayReadHardship] = useState(false);
  useEffect(() => {
    let live = true;
    call('hardship.mayRead', {})
      .then((r) => live && setMayReadHardship(r.mayRead))
      .catch(() => live && setMayReadHardship(false));
    return () => {
      live = false;
    };
  }, []);

  const go = useCallback((path: string, fresh: boolean) => {
    if (fresh) setSession((n) => n + 1);
    window.history.pushState(null, '', `#/spending${path}`);
    setSub(readSub());
  }, []);

  const onForm = sub.kind === 'new' || sub.kind === 'view';
  const tab = sub.kind === 'benefits' || sub.kind === 'batch' || sub.kind === 'hardship' ? sub.kind : 'requests';
  const canCreate = user.roles.some((r) => r === 'accountant' || r === 'supervisor' || r === 'cashier' || r === 'chair');

  if (failed) return <Alert type="error" showIcon title={failed} />;
  return (
    <div className="ulm-page uls-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => go(k === 'requests' ? '' : `/${k}`, false)}
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
          ...(canCreate ? [{ key: 'batch', label: '批量发放', children: <BatchTab onOpen={(id: number) => go(`/${id}`, true)} /> }] : []),
          // 福利台账 picks a member from the roster, which the 经审委员 may not read (personal data).
          ...(canCreate ? [{ key: 'benefits', label: '福利台账', children: <BenefitsTab /> }] : []),
          ...(mayReadHardship ? [{ key: 'hardship', label: '困难职工档案', children: <HardshipTab onOpen={(id: number) => go(`/${id}`, true)} /> }] : []),
        ]}
      />
    </div>
  );
}
