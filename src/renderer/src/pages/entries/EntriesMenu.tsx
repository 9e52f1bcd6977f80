// 常用分录: the four helper entries of the 凭证 module (accounts.md §6 T2, T3, T6, T7). Each form
// asks the core to prepare an ordinary DRAFT voucher; on success the voucher opens in the 凭证
// form, where review, the cashier's confirmation and posting go on as for any voucher, and a
// notice keeps what the helper reported (the levy split, per-asset charges, rule warnings).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Modal, Space, Table } from 'antd';
import type { AssetPurchaseResult, DepreciationResult, EntryResult, LevyResult } from '@contract/entries';
import type { Settings } from '@contract/operations';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { useSession } from '../../layout/SessionContext';
import type { PickAccount } from '../vouchers/model';
import { cardNo, Findings, leavesUnder } from './common';
import LevyForm from './LevyForm';
import RemitForm from './RemitForm';
import AssetForm from './AssetForm';
import DepreciationForm from './DepreciationForm';
import './entries.css';

type Kind = 'levy' | 'remit' | 'asset' | 'depreciation';

const TITLES: Record<Kind, string> = {
  levy: '收到拨缴经费',
  remit: '上缴上级经费',
  asset: '购置固定资产',
  depreciation: '计提折旧',
};

export default function EntriesMenu({ accounts, defaultDate, onOpen }: { accounts: readonly PickAccount[]; defaultDate: string; onOpen: (id: number) => void }) {
  const { user } = useSession();
  const { notification } = App.useApp();
  const [open, setOpen] = useState<Kind | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const banks = useMemo(() => leavesUnder(accounts, '102'), [accounts]);
  const expenses = useMemo(() => leavesUnder(accounts, '507'), [accounts]);
  const mayReadSettings = user.roles.includes('admin');

  useEffect(() => {
    if (!mayReadSettings) return;
    let live = true;
    call('settings.get', {})
      .then((s) => live && setSettings(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [mayReadSettings]);

  const finish = (r: EntryResult, extra: ReactNode) => {
    setOpen(null);
    const warn = r.findings.length > 0;
    notification.open({
      type: warn ? 'warning' : 'success',
      key: `entry-${r.voucher.id}`,
      title: `已生成草稿凭证（${r.voucher.word}字，凭证 #${r.voucher.id}），请核对后送审`,
      description: (
        <div className="ule-notice" role="status">
          {extra}
          <Findings findings={r.findings} />
        </div>
      ),
      duration: warn ? 0 : 10,
      placement: 'topRight',
    });
    onOpen(r.voucher.id);
  };

  const onLevy = (r: LevyResult) =>
    finish(
      r,
      <div>
        收到 {formatYuan(r.split.grossFen)} 元：本级留成 {r.split.retainedPct}% 记 402 <b className="ule-num">{formatYuan(r.split.retainedFen)}</b>，应上缴记 211{' '}
        <b className="ule-num">{formatYuan(r.split.upperFen)}</b>
        {r.split.expectedFen !== null && <div>工资总额的 2% 应为 {formatYuan(r.split.expectedFen)} 元。</div>}
      </div>,
    );
  const onAsset = (r: AssetPurchaseResult) =>
    finish(
      r,
      <div>
        固定资产卡片 {cardNo(r.asset.id)}“{r.asset.name}”：原值 {formatYuan(r.asset.costFen)} 元，{r.asset.lifeMonths / 12} 年，月折旧额 {formatYuan(r.asset.monthlyFen)} 元；凭证记账后开始计提折旧。
      </div>,
    );
  const onDepreciation = (r: DepreciationResult) =>
    finish(
      r,
      <div>
        <div>
          {r.supplementary ? '补提' : '计提'} {r.period} 折旧合计 <b className="ule-num">{formatYuan(r.totalFen)}</b> 元：
        </div>
        <Table
          size="small"
          pagination={false}
          rowKey="assetId"
          dataSource={r.lines}
          columns={[
            { title: '卡片号', dataIndex: 'assetId', render: (id: number) => cardNo(id) },
            { title: '名称', dataIndex: 'name' },
            { title: '第几月', dataIndex: 'month', align: 'right' },
            { title: '折旧额', dataIndex: 'amountFen', align: 'right', render: (n: number) => <span className="ule-num">{formatYuan(n)}</span> },
          ]}
        />
      </div>,
    );

  const close = () => setOpen(null);
  return (
    <>
      <Space.Compact aria-label="常用分录" role="group">
        <Button disabled aria-hidden className="ule-group-label">
          常用分录
        </Button>
        {(Object.keys(TITLES) as Kind[]).map((k) => (
          <Button key={k} onClick={() => setOpen(k)}>
            {TITLES[k]}
          </Button>
        ))}
      </Space.Compact>
      <Modal open={open !== null} title={open ? TITLES[open] : ''} onCancel={close} footer={null} destroyOnHidden width={640} maskClosable={false}>
        {open === 'levy' && <LevyForm banks={banks} defaultDate={defaultDate} retainedPct={settings?.levyRetainedPct ?? null} onDone={onLevy} onCancel={close} />}
        {open === 'remit' && <RemitForm banks={banks} defaultDate={defaultDate} onDone={(r) => finish(r, null)} onCancel={close} />}
        {open === 'asset' && (
          <AssetForm
            banks={banks}
            expenses={expenses}
            defaultDate={defaultDate}
            thresholds={settings ? { generalFen: settings.generalEquipmentFen, specialFen: settings.specialEquipmentFen } : null}
            onDone={onAsset}
            onCancel={close}
          />
        )}
        {open === 'depreciation' && <DepreciationForm defaultPeriod={defaultDate.slice(0, 7)} onDone={onDepreciation} onCancel={close} />}
      </Modal>
    </>
  );
}
