// 预算执行: budget against actual at a month's end or on a day of the year.
import { useState } from 'react';
import { Alert, Button, Segmented, Space, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { call } from '../../api';
import { useLoad } from '../../lib/useLoad';
import { BookHeading, DayPicker, MonthPicker, YearPicker } from '../books/common';
import ExecutionTable from './ExecutionTable';

function defaultMonth(year: number): string {
  const now = dayjs();
  return now.year() === year ? now.format('YYYY-MM') : `${year}-12`;
}

export default function ExecutionTab({ year, onYear }: { year: number; onYear: (y: number) => void }) {
  const [mode, setMode] = useState<'month' | 'day'>('month');
  const [month, setMonth] = useState(() => defaultMonth(year));
  const [day, setDay] = useState(() => dayjs(`${defaultMonth(year)}-01`).endOf('month').format('YYYY-MM-DD'));
  const m = month.startsWith(String(year)) ? month : defaultMonth(year);
  const d = day.startsWith(String(year)) ? day : `${year}-12-31`;
  const asOf = mode === 'month' ? m : d;
  const { data, error, loading, reload } = useLoad(() => call('budget.execution', { year, asOf }), [year, asOf]);
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>预算年度</span>
          <YearPicker label="预算年度" value={year} onChange={onYear} />
          <span>截止</span>
          <Segmented<'month' | 'day'>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'month', label: '月末' },
              { value: 'day', label: '日期' },
            ]}
          />
          {mode === 'month' ? <MonthPicker label="截止月份" value={m} onChange={setMonth} /> : <DayPicker label="截止日期" value={d} onChange={setDay} />}
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
      </div>
      {error && <Alert type="info" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {data && (
          <>
            <BookHeading title="预算执行情况表" unionName={data.unionName} periodLabel={`${data.year}年1月1日至${dayjs(data.asOf).format('M月D日')}（${data.budgetLabel}）`} />
            <ExecutionTable data={data} label="预算执行情况" />
          </>
        )}
      </Spin>
    </div>
  );
}
