// 决算: the year's final accounts (工会经费收支决算表) against the approved budget.
import { Alert, Descriptions, Space, Spin } from 'antd';
import { call } from '../../api';
import { useLoad } from '../../lib/useLoad';
import PrintExportButtons from '../../lib/PrintExportButtons';
import { Amount, BookHeading, YearPicker } from '../books/common';
import ExecutionTable from './ExecutionTable';

export default function FinalTab({ year, onYear }: { year: number; onYear: (y: number) => void }) {
  const { data, error, loading } = useLoad(() => call('budget.finalAccounts', { year }), [year]);
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>决算年度</span>
          <YearPicker label="决算年度" value={year} onChange={onYear} />
        </Space>
        <PrintExportButtons disabled={!data} file={(format) => call('budget.export', { table: 'final', year, format })} />
      </div>
      {error && <Alert type="info" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {data && (
          <>
            <BookHeading title="工会经费收支决算表" unionName={data.unionName} periodLabel={`${data.year}年度（${data.budgetLabel}）`} />
            <ExecutionTable data={data} label="决算" />
            <Descriptions size="small" column={2} style={{ marginTop: 12 }} bordered>
              <Descriptions.Item label="上年结转结余">
                <Amount value={data.openingFundsFen} zero="0.00" />
              </Descriptions.Item>
              <Descriptions.Item label="年末结转结余">
                <Amount value={data.closingFundsFen} zero="0.00" />
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Spin>
    </div>
  );
}
