// 支出申请 inboxes: 草稿, 待审核 (supervisor), 待审批 (chair), 待支付 (cashier), 已支付, 已驳回/撤回;
// each row with its blocks and warnings (and warnings still waiting for the chair's reason).
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Segmented, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SpendingSummary } from '@contract/spending';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { INBOXES, STATUS_COLOR, type InboxKey } from './common';

export default function RequestList({ inbox, onInbox, onOpen, onNew, canCreate }: { inbox: InboxKey; onInbox: (k: InboxKey) => void; onOpen: (id: number) => void; onNew: () => void; canCreate: boolean }) {
  const [rows, setRows] = useState<SpendingSummary[] | null>(null);
  const [counts, setCounts] = useState<Partial<Record<InboxKey, number>>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const box = INBOXES.find((b) => b.key === inbox) ?? INBOXES[0];
    setRows(null);
    Promise.all(box.statuses.map((status) => call('spending.list', { status, page: 1, pageSize: 200 })))
      .then((pages) => {
        if (!live) return;
        setRows(pages.flatMap((p) => p.rows).sort((a, b) => b.id - a.id));
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    Promise.all(
      INBOXES.map(async (b) => {
        const totals = await Promise.all(b.statuses.map((status) => call('spending.list', { status, page: 1, pageSize: 1 }).then((p) => p.total)));
        return [b.key, totals.reduce((s, n) => s + n, 0)] as const;
      }),
    )
      .then((pairs) => live && setCounts(Object.fromEntries(pairs)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [inbox]);

  return (
    <div>
      <div className="uls-toolbar">
        <Segmented<InboxKey>
          aria-label="申请状态"
          value={inbox}
          onChange={onInbox}
          options={INBOXES.map((b) => ({
            value: b.key,
            label: (
              <span>
                {b.label} <Badge count={counts[b.key] ?? 0} showZero color={counts[b.key] ? '#1677ff' : '#bfbfbf'} size="small" />
              </span>
            ),
          }))}
        />
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
            新建支出申请
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<SpendingSummary>
        aria-label="支出申请列表"
        rowKey="id"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有此状态的支出申请' }}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => <Button type="link" size="small" onClick={() => onOpen(id)}>#{id}</Button> },
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '事项', dataIndex: 'type', width: 110 },
          { title: '用途', dataIndex: 'purpose', ellipsis: true },
          { title: '科目', dataIndex: 'accountCode', width: 80 },
          { title: '金额（元）', dataIndex: 'amountFen', width: 120, align: 'right', render: (f: number) => <span className="ulm-num">{formatYuan(f)}</span> },
          { title: '收款方', dataIndex: 'payeeName', width: 140, ellipsis: true },
          { title: '申请人', dataIndex: 'requester', width: 90 },
          { title: '状态', dataIndex: 'status', width: 100, render: (_: string, r) => <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag> },
          {
            title: '检查结果',
            key: 'check',
            width: 190,
            render: (_: unknown, r) => (
              <span>
                {r.blocks > 0 && <Tag color="red">禁止 {r.blocks}</Tag>}
                {r.warnings > 0 && <Tag color="orange">提示 {r.warnings}{r.unoverriddenWarnings < r.warnings ? `（已接受 ${r.warnings - r.unoverriddenWarnings}）` : ''}</Tag>}
                {r.blocks === 0 && r.warnings === 0 && <Tag color="green">通过</Tag>}
              </span>
            ),
          },
          { title: '凭证', dataIndex: 'voucherId', width: 80, render: (v: number | null) => (v ? <a href={`#/vouchers/${v}`} onClick={(e) => e.stopPropagation()}>#{v}</a> : null) },
        ]}
      />
    </div>
  );
}
