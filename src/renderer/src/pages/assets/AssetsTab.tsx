// 固定资产 tab of the 账簿 module: the fixed-asset register (accounts.md §8) as of a month, from
// assets.list. A card is 未记账 (pending) until its purchase voucher is posted and 已作废 (void)
// when that voucher was reversed; pending and void cards do not count in the totals.
import { useState } from 'react';
import { Alert, Button, Checkbox, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { AssetCard, AssetStatus } from '@contract/entries';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { Amount, MonthPicker, openVoucher, rowIndex, useLoad, useRowCursor } from '../books/common';
import { cardNo } from '../entries/common';

export const ASSET_STATUS: Record<AssetStatus, { label: string; color: string }> = {
  pending: { label: '未记账', color: 'gold' },
  active: { label: '在用', color: 'green' },
  fully_depreciated: { label: '已提足折旧', color: 'blue' },
  disposed: { label: '已处置', color: 'default' },
  void: { label: '已作废', color: 'red' },
};

const PAGE = 50;

function lifeText(months: number): string {
  return months % 12 === 0 ? `${months / 12} 年` : `${months} 个月`;
}

export default function AssetsTab({ initialPeriod }: { initialPeriod: string }) {
  const [asOf, setAsOf] = useState(initialPeriod);
  const [includePending, setIncludePending] = useState(true);
  const { data, error, loading, reload } = useLoad(() => call('assets.list', { asOf, includePending }), [asOf, includePending]);
  const rows = data?.rows ?? [];
  const { cursor, setCursor, page, pagination, boxProps } = useRowCursor(rows, PAGE, (r) => r.purchaseVoucherId !== null && openVoucher(r.purchaseVoucherId));

  const columns: TableColumnsType<AssetCard> = [
    { title: '卡片号', dataIndex: 'id', width: 90, render: (id: number) => cardNo(id) },
    {
      title: '名称',
      dataIndex: 'name',
      width: 200,
      render: (n: string, r) => (
        <span title={r.warnings.join('\n') || undefined}>
          {n}
          {r.special && <Tag style={{ marginLeft: 6 }}>专用</Tag>}
          {r.warnings.length > 0 && <span className="ulb-warn"> ⚠</span>}
        </span>
      ),
    },
    { title: '类别', dataIndex: 'categoryLabel', width: 170 },
    { title: '原值', dataIndex: 'costFen', align: 'right', width: 120, render: (n: number) => <Amount value={n} zero="0.00" /> },
    { title: '购置日期', dataIndex: 'acquiredOn', width: 110 },
    { title: '使用年限', dataIndex: 'lifeMonths', width: 90, align: 'right', render: lifeText },
    { title: '月折旧额', dataIndex: 'monthlyFen', align: 'right', width: 110, render: (n: number) => <Amount value={n} zero="0.00" /> },
    { title: '累计折旧', dataIndex: 'accumulatedFen', align: 'right', width: 120, render: (n: number) => <Amount value={n} zero="0.00" /> },
    { title: '净值', dataIndex: 'netFen', align: 'right', width: 120, render: (n: number) => <Amount value={n} zero="0.00" /> },
    { title: '状态', dataIndex: 'status', width: 100, render: (s: AssetStatus) => <Tag color={ASSET_STATUS[s].color}>{ASSET_STATUS[s].label}</Tag> },
    { title: '保管人', dataIndex: 'custodian', width: 90, render: (c: string, r) => (r.location ? <span title={`存放地点：${r.location}`}>{c}</span> : c) },
    {
      title: '购置凭证',
      dataIndex: 'purchaseVoucherId',
      width: 90,
      render: (id: number | null) =>
        id === null ? null : (
          <a href={`#/vouchers/${id}`} className="ulb-vno" onClick={(e) => e.stopPropagation()}>
            #{id}
          </a>
        ),
    },
  ];

  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>截至期间</span>
          <MonthPicker label="截至期间" value={asOf} onChange={setAsOf} />
          <Checkbox checked={includePending} onChange={(e) => setIncludePending(e.target.checked)}>
            包含未记账和已作废的卡片
          </Checkbox>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <h2 className="ulb-title">固定资产卡片账</h2>
      <div {...boxProps} aria-label="固定资产卡片（↑↓ 选择，Enter 打开购置凭证）">
        <Table<AssetCard>
          size="small"
          rowKey="id"
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={pagination}
          scroll={{ x: 1400 }}
          locale={{ emptyText: '没有固定资产卡片。在“凭证”模块的“常用分录—购置固定资产”中登记购置。' }}
          rowClassName={(_, i) => `ulb-row${rowIndex(page, PAGE, i) === cursor ? ' ulb-cursor' : ''}`}
          onRow={(r, i) => ({ onClick: () => setCursor(rowIndex(page, PAGE, i ?? 0)), onDoubleClick: () => r.purchaseVoucherId !== null && openVoucher(r.purchaseVoucherId) })}
          summary={() =>
            data && rows.length > 0 ? (
              <Table.Summary.Row className="ulb-total">
                <Table.Summary.Cell index={0} colSpan={3}>
                  合计（已记账的卡片）
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <span className="ulb-num">{formatYuan(data.totals.costFen)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} colSpan={3} />
                <Table.Summary.Cell index={7} align="right">
                  <span className="ulb-num">{formatYuan(data.totals.accumulatedFen)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  <span className="ulb-num">{formatYuan(data.totals.netFen)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} colSpan={3} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </div>
    </div>
  );
}
