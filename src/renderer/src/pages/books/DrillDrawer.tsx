// The vouchers behind a figure (books.drillDown): a drawer listing them; a click or Enter opens
// the voucher in the 凭证 module. A figure made of several accounts (货币资金 = 101 + 102) shows
// one tab per account.
import { useEffect, useRef, useState } from 'react';
import { Alert, Drawer, Segmented, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DrillDown, DrillDownRow } from '@contract/ledger';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { KIND_LABEL } from '../vouchers/model';
import { Amount, openVoucher, useRowCursor } from './common';

export interface DrillRequest {
  /** What the figure is, e.g. "102 银行存款 本期借方". */
  title: string;
  accounts: string[];
  from: string;
  to: string;
  excludeClosing?: boolean;
}

const PAGE = 50;

const columns: TableColumnsType<DrillDownRow> = [
  { title: '日期', dataIndex: 'date', width: 110 },
  {
    title: '凭证字号',
    dataIndex: 'voucherNo',
    width: 90,
    render: (no: string, r) => (
      <a href={`#/vouchers/${r.voucherId}`} className="ulb-vno" onClick={(e) => e.stopPropagation()}>
        {no}
      </a>
    ),
  },
  {
    title: '摘要',
    dataIndex: 'summary',
    ellipsis: true,
    render: (s: string, r) => (
      <>
        {KIND_LABEL[r.kind] && <Tag color={r.kind === 'reversal' ? 'red' : 'purple'}>{KIND_LABEL[r.kind]}</Tag>}
        {s}
      </>
    ),
  },
  { title: '借方', dataIndex: 'debit', width: 130, align: 'right', render: (n: number) => <Amount value={n} /> },
  { title: '贷方', dataIndex: 'credit', width: 130, align: 'right', render: (n: number) => <Amount value={n} /> },
];

export default function DrillDrawer({ request, onClose }: { request: DrillRequest | null; onClose: () => void }) {
  const [account, setAccount] = useState<string | null>(null);
  const [data, setData] = useState<DrillDown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const rows = data?.rows ?? [];
  const { cursor, setCursor, pagination, boxProps, page } = useRowCursor(rows, PAGE, (r) => openVoucher(r.voucherId));

  useEffect(() => {
    setAccount(request?.accounts[0] ?? null);
  }, [request]);

  useEffect(() => {
    if (!request || !account) return;
    let live = true;
    setLoading(true);
    setError(null);
    call('books.drillDown', { accountCode: account, from: request.from, to: request.to, excludeClosing: request.excludeClosing ?? false })
      .then((d) => {
        if (!live) return;
        setData(d);
        requestAnimationFrame(() => box.current?.focus());
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [request, account]);

  return (
    <Drawer open={!!request} onClose={onClose} size={760} title={request ? `数字来源：${request.title}` : ''} destroyOnHidden>
      {request && request.accounts.length > 1 && (
        <Segmented
          style={{ marginBottom: 12 }}
          value={account ?? undefined}
          onChange={(v) => setAccount(String(v))}
          options={request.accounts.map((a) => ({ label: a, value: a }))}
        />
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <Typography.Paragraph>
          <Typography.Text strong>
            {data.account.code} {data.account.fullName}
          </Typography.Text>
          <Typography.Text type="secondary">　{data.periodLabel}　{request?.excludeClosing ? '（不含期末结转凭证）' : ''}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Spin spinning={loading}>
        <div {...boxProps} ref={box} aria-label="来源凭证（↑↓ 选择，Enter 打开凭证）">
          <Table<DrillDownRow>
            size="small"
            bordered
            rowKey="voucherId"
            columns={columns}
            dataSource={rows}
            pagination={pagination}
            locale={{ emptyText: '此期间没有已记账凭证' }}
            rowClassName={(_, i) => (i + (page - 1) * PAGE === cursor ? 'ulb-row ulb-cursor' : 'ulb-row')}
            onRow={(r, i) => ({
              onClick: () => {
                setCursor((page - 1) * PAGE + (i ?? 0));
                openVoucher(r.voucherId);
              },
            })}
            summary={() =>
              data && rows.length > 0 ? (
                <Table.Summary.Row className="ulb-total">
                  <Table.Summary.Cell index={0} colSpan={3} align="center">
                    合计（{rows.length} 张凭证）
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <Amount value={data.totalDebit} zero="0.00" />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <Amount value={data.totalCredit} zero="0.00" />
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
      </Spin>
      <div className="ulb-keys">点击凭证字号或行，或 ↑↓ 选择后按 Enter，在凭证模块中打开该凭证。</div>
    </Drawer>
  );
}
