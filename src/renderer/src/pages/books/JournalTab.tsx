// 现金日记账 / 银行存款日记账: one book per cash or bank detail account, with 本日合计 and the daily
// running balance ("日清月结").
import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Segmented, Space, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { call } from '../../api';
import { BookHeading, DayPicker, useLoad } from './common';
import ExportButtons from './ExportButtons';
import LedgerLines from './LedgerLines';

export default function JournalTab({ kind, initialFrom, initialTo }: { kind: 'cash' | 'bank'; initialFrom: string; initialTo: string }) {
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [code, setCode] = useState<string | null>(null);
  const { data, error, loading, reload } = useLoad(() => call('books.journal', { kind, from, to }), [kind, from, to]);
  const title = kind === 'cash' ? '现金日记账' : '银行存款日记账';

  useEffect(() => {
    if (data && !data.books.some((b) => b.account.code === code)) setCode(data.books[0]?.account.code ?? null);
  }, [data, code]);
  const book = data?.books.find((b) => b.account.code === code) ?? null;

  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          {data && data.books.length > 1 && (
            <>
              <span>{kind === 'cash' ? '现金账户' : '银行账户'}</span>
              <Segmented value={code ?? undefined} onChange={(v) => setCode(String(v))} options={data.books.map((b) => ({ label: `${b.account.code} ${b.account.name}`, value: b.account.code }))} />
            </>
          )}
          <span>日期</span>
          <DayPicker label="开始日期" value={from} onChange={(v) => (setFrom(v), v > to && setTo(v))} />
          <span>至</span>
          <DayPicker label="结束日期" value={to} onChange={(v) => (setTo(v), v < from && setFrom(v))} />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
        <ExportButtons request={{ report: 'journal', kind, from, to, ...(code ? { accountCode: code } : {}) }} disabled={!book} />
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {data && data.books.length === 0 && <Empty description={`没有设置${kind === 'cash' ? '现金' : '银行存款'}日记账科目`} />}
        {data && book && (
          <>
            <BookHeading title={title} unionName={data.unionName} periodLabel={data.periodLabel} extra={<span className="ulb-acct">账户：{book.account.code} {book.account.fullName}　</span>} />
            <LedgerLines lines={book.lines} label={title} journal />
          </>
        )}
      </Spin>
    </div>
  );
}
