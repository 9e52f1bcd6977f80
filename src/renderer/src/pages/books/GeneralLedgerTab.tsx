// 总账: one account for a year, month by month (本月合计, 本年累计), from the posted vouchers.
import { useMemo, useState } from 'react';
import { Alert, Button, Space, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { AccountInfo } from '@contract/books';
import { call } from '../../api';
import { BookHeading, YearPicker, bookAccounts, useLoad } from './common';
import AccountField from './AccountField';
import ExportButtons from './ExportButtons';
import LedgerLines from './LedgerLines';

export default function GeneralLedgerTab({ accounts, initialYear }: { accounts: readonly AccountInfo[]; initialYear: number }) {
  const picks = useMemo(() => bookAccounts(accounts).filter((a) => a.account.parentCode === null), [accounts]);
  const [code, setCode] = useState('101');
  const [year, setYear] = useState(initialYear);
  const { data, error, loading, reload } = useLoad(() => call('books.generalLedger', { accountCode: code, year }), [code, year]);

  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>科目</span>
          <AccountField accounts={picks} value={code} onChange={setCode} label="总账科目" />
          <span>年度</span>
          <YearPicker label="会计年度" value={year} onChange={setYear} />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
        <ExportButtons request={{ report: 'generalLedger', accountCode: code, year }} />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {data && (
          <>
            <BookHeading title="总　账" unionName={data.unionName} periodLabel={data.periodLabel} extra={<span className="ulb-acct">会计科目：{data.account.code} {data.account.fullName}　</span>} />
            <LedgerLines lines={data.lines} label="总账" />
          </>
        )}
      </Spin>
    </div>
  );
}
