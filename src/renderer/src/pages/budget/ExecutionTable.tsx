// Budget against actual, line by line: 预算数, 实际数, 余额, 完成率, with lines near or over their
// budget and actuals without a budget line (未列入预算) highlighted; revenue and expenditure totals.
import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { BudgetExecution, ExecutionLine, ExecutionTotal } from '@contract/budget';
import { Amount } from '../books/common';

const WARN_TEXT: Record<NonNullable<ExecutionLine['warning']>, { text: string; color: string }> = {
  near: { text: '接近预算', color: 'orange' },
  over: { text: '超出预算', color: 'red' },
  unbudgeted: { text: '未列入预算', color: 'purple' },
};

type Row =
  | { kind: 'line'; key: string; line: ExecutionLine }
  | { kind: 'total'; key: string; label: string; total: ExecutionTotal };

export default function ExecutionTable({ data, label }: { data: BudgetExecution; label: string }) {
  const rows: Row[] = [];
  for (const element of ['revenue', 'expenditure'] as const) {
    data.lines
      .filter((l) => l.element === element)
      .forEach((l, i) => rows.push({ kind: 'line', key: `${element}-${l.lineNo ?? `u${i}`}-${l.accountCode}`, line: l }));
    rows.push({ kind: 'total', key: `${element}-total`, label: element === 'revenue' ? '收入合计' : '支出合计', total: data.totals[element] });
  }
  const columns: TableColumnsType<Row> = [
    { title: '行次', key: 'no', width: 60, align: 'center', render: (_: unknown, r) => (r.kind === 'line' ? (r.line.lineNo ?? '') : '') },
    { title: '项目', key: 'label', render: (_: unknown, r) => (r.kind === 'line' ? `${r.line.accountCode} ${r.line.label}` : r.label) },
    { title: '预算数', key: 'budget', width: 130, align: 'right', render: (_: unknown, r) => <Amount value={r.kind === 'line' ? r.line.budgetFen : r.total.budgetFen} zero="0.00" /> },
    { title: '实际数', key: 'actual', width: 130, align: 'right', render: (_: unknown, r) => <Amount value={r.kind === 'line' ? r.line.actualFen : r.total.actualFen} zero="0.00" /> },
    { title: '余额', key: 'remaining', width: 130, align: 'right', render: (_: unknown, r) => <Amount value={r.kind === 'line' ? r.line.remainingFen : r.total.remainingFen} zero="0.00" /> },
    { title: '完成率', key: 'rate', width: 100, align: 'right', render: (_: unknown, r) => <span className="ulb-num">{r.kind === 'line' ? r.line.rateText : r.total.rateText}</span> },
    {
      title: '提示',
      key: 'warning',
      width: 110,
      render: (_: unknown, r) => {
        if (r.kind !== 'line' || !r.line.warning) return null;
        const w = WARN_TEXT[r.line.warning];
        return <Tag color={w.color}>{w.text}</Tag>;
      },
    },
  ];
  return (
    <>
      <Table<Row>
        aria-label={label}
        className="ulb-table"
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.kind === 'total' ? 'ulg-total' : r.line.warning ? `ulg-row ulg-${r.line.warning}` : 'ulg-row')}
      />
      <div className="ulb-keys">
        收支差额：预算 <Amount value={data.totals.surplusBudgetFen} zero="0.00" />，实际 <Amount value={data.totals.surplusActualFen} zero="0.00" />。预警线：已用{' '}
        {(data.nearWarnBp / 100).toFixed(2)}%。实际数取自已记账凭证（不含结转凭证）。
      </div>
      {data.warnings.length > 0 && (
        <ul className="ulg-warnings" aria-label="预算执行提示">
          {data.warnings.map((w, i) => (
            <li key={i} className="ulb-warn">
              {w.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
