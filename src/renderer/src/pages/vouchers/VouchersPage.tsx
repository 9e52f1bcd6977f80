// The 凭证 module: #/vouchers (list), #/vouchers/new (a new voucher), #/vouchers/<id> (one voucher).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Spin } from 'antd';
import type { AccountInfo, VoucherTemplate } from '@contract/books';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useSession } from '../../layout/SessionContext';
import VoucherList, { type ListParams } from './VoucherList';
import VoucherForm, { type FormTarget } from './VoucherForm';
import { abilities, defaultDateFor, pickableAccounts } from './model';
import EntriesMenu from '../entries/EntriesMenu';
import './vouchers.css';

type Sub = { kind: 'list' } | { kind: 'new' } | { kind: 'view'; id: number };

function readSub(): Sub {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'vouchers') return { kind: 'list' };
  if (parts[1] === 'new') return { kind: 'new' };
  const id = Number(parts[1]);
  return Number.isInteger(id) && id > 0 ? { kind: 'view', id } : { kind: 'list' };
}

function go(path: string): Sub {
  window.location.hash = `#/vouchers${path}`;
  return readSub();
}

export default function VouchersPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const can = useMemo(() => abilities(user.roles), [user.roles]);
  const [sub, setSub] = useState<Sub>(readSub);
  const [accounts, setAccounts] = useState<AccountInfo[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [params, setParams] = useState<ListParams>({ period: null, status: null, page: 1, pageSize: 50, cursor: 0 });
  const [template, setTemplate] = useState<VoucherTemplate | null>(null);
  /** Bumped on every "new voucher" so the form starts afresh even when already on #/vouchers/new. */
  const [fresh, setFresh] = useState(0);

  useEffect(() => {
    const onChange = () => setSub(readSub());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  useEffect(() => {
    let live = true;
    call('accounts.list', {})
      .then((a) => live && setAccounts(a))
      .catch((err: unknown) => live && setFailed(errorMessage(err)));
    // The period with the latest vouchers; this month when there are none.
    call('vouchers.list', { page: 1, pageSize: 1 })
      .then((p) => {
        if (!live) return;
        const now = new Date();
        const thisMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
        setParams((x) => (x.period ? x : { ...x, period: p.rows[0]?.period ?? thisMonth }));
      })
      .catch((err: unknown) => live && setFailed(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [message]);

  const picks = useMemo(() => pickableAccounts(accounts ?? []), [accounts]);

  const open = useCallback((id: number) => {
    setTemplate(null);
    setSub(go(`/${id}`));
  }, []);
  const newVoucher = useCallback(() => {
    setTemplate(null);
    setFresh((n) => n + 1);
    setSub(go('/new'));
  }, []);
  const back = useCallback(() => {
    setTemplate(null);
    setSub(go(''));
  }, []);
  const correct = useCallback((t: VoucherTemplate) => {
    setTemplate(t);
    setFresh((n) => n + 1);
    setSub(go('/new'));
  }, []);

  // Alt+N outside the form (the form handles its own, minding unsaved edits).
  const onForm = sub.kind !== 'list';
  useEffect(() => {
    if (onForm || !can.prepare) return;
    const h = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.shiftKey && !e.metaKey && e.code === 'KeyN' && !document.querySelector('.ant-modal')) {
        e.preventDefault();
        newVoucher();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [onForm, can.prepare, newVoucher]);

  const target: FormTarget | null = useMemo(() => {
    if (sub.kind === 'view') return { kind: 'view', id: sub.id };
    if (sub.kind === 'new') return { kind: 'new', date: defaultDateFor(params.period), ...(template ? { template } : {}) };
    return null;
    // `fresh` makes a new target object for each 新建.
  }, [sub, template, fresh]);

  if (failed) return <Alert type="error" showIcon title={failed} />;
  if (!accounts || !params.period) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin tip="正在打开凭证…">
          <div style={{ width: 200, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (target && !(target.kind === 'new' && !can.prepare)) {
    return (
      <VoucherForm
        key={target.kind === 'view' ? `v${target.id}` : `n${fresh}`}
        target={target}
        accounts={picks}
        can={can}
        onOpen={open}
        onBack={back}
        onNew={newVoucher}
        onCorrect={correct}
      />
    );
  }
  return (
    <VoucherList
      params={params}
      onParams={setParams}
      canPrepare={can.prepare}
      onOpen={open}
      onNew={newVoucher}
      extra={can.prepare ? <EntriesMenu accounts={picks} defaultDate={defaultDateFor(params.period)} onOpen={open} /> : null}
    />
  );
}
