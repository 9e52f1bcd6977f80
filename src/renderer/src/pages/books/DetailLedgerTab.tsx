// 明细账: any account (a parent's book lists all its details) over a date range, with the running
// balance; 凭证字号 opens the voucher.
import { useMemo, useState } from 'react';
import { Alert, Button, Space, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { AccountInfo } from '@contract/books';
import { call } from '../../api';
import { BookHeading, DayPicker, bookAccounts, useLoad } from './common';
import AccountField from './AccountField';
import ExportButtons from './ExportButtons';
import LedgerLines from './LedgerLines';

export default function DetailLedgerTab({ accounts, initialFrom, initialTo }: { accounts: readonly AccountInfo[]; initialFrom: string; initialTo: string }) {
  const picks = useMemo(() => bookAccounts(accounts), [accounts]);
  const [code, setCode] = useState('101');
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const { data, error, loading, reload } = useLoad(() => call('books.detailLedger', { accountCode: code, from, to }), [code, from, to]);

  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>科目</span>
          <AccountField accounts={picks} value={code} onChange={setCode} label="明细账科目" />
          <span>日期</span>
          <DayPicker label="开始日期" value={from} onChange={(v) => (setFrom(v), v > to && setTo(v))} />
          <span>至</span>
          <DayPicker label="结束日期" value={to} onChange={(v) => (setTo(v), v < from && setFrom(v))} />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
        <ExportButtons request={{ report: 'detailLedger', accountCode: code, from, to }} />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {data && (
          <>
            <BookHeading title="明 细 账" unionName={data.unionName} periodLabel={data.periodLabel} extra={<span className="ulb-acct">会计科目：{data.account.code} {data.account.fullName}　</span>} />
            <LedgerLines lines={data.lines} label="明细账" showAccount={!data.account.leaf} />
          </>
        )}
      </Spin>
    </div>
  );
}
