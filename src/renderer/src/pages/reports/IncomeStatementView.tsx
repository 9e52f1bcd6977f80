// 收入支出表 (工会02表): monthly 本月数 | 本年累计数, annual 本年数 | 上年数. A figure drawn from
// accounts opens the vouchers behind it (closing vouchers left out, as in the statement).
import { useState } from 'react';
import { Alert } from 'antd';
import type { IncomeStatement, IncomeStatementRow } from '@contract/ledger';
import { Amount, BookHeading } from '../books/common';
import DrillDrawer, { type DrillRequest } from '../books/DrillDrawer';
import { useStatementCursor } from './statement-cursor';

export default function IncomeStatementView({ data }: { data: IncomeStatement }) {
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const year = Number(data.period.slice(0, 4));
  const month = data.period;

  const range = (col: 'current' | 'comparative'): { from: string; to: string } => {
    if (data.annual) return col === 'current' ? { from: `${year}-01`, to: `${year}-12` } : { from: `${year - 1}-01`, to: `${year - 1}-12` };
    return col === 'current' ? { from: month, to: month } : { from: `${year}-01`, to: month };
  };

  const request = (r: IncomeStatementRow, col: 'current' | 'comparative'): DrillRequest | null => {
    // Opening and closing fund balances (年初/年末资金结转结余) are balances, not movements of the period.
    if (r.accounts.length === 0 || r.label.startsWith('年初') || r.label.startsWith('年末')) return null;
    if (r[col] === null) return null;
    return { title: `${r.label} ${data.columns[col === 'current' ? 0 : 1]}`, accounts: r.accounts, ...range(col), excludeClosing: true };
  };

  const rows = data.rows;
  const { cursor, setCursor, onKeyDown } = useStatementCursor(rows, (r) => {
    const req = request(r, 'current');
    if (req) setDrill(req);
    return req !== null;
  });
  return (
    <div>
      {data.consistent === false && (
        <Alert
          className="ulb-banner"
          type="error"
          showIcon
          title="收入支出表勾稽不符：年初资金结转结余 + 调整及变动 + 本期收支差额 ≠ 年末资金结转结余"
          style={{ marginBottom: 12 }}
        />
      )}
      <BookHeading title={data.title} formNo={data.formNo} unionName={data.unionName} periodLabel={data.periodLabel} />
      <div
        className="ulb-box"
        tabIndex={0}
        aria-label="收入支出表（↑↓ 选择项目，Enter 查看来源凭证）"
        onKeyDown={onKeyDown}
      >
        <table className="ulb-form ulb-is">
          <colgroup>
            <col style={{ width: '52%' }} />
            <col style={{ width: '24%' }} />
            <col style={{ width: '24%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>项　　目</th>
              <th>{data.columns[0]}</th>
              <th>{data.columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const cls = `ulb-is-${r.kind}${r.indent ? ' ulb-is-item' : ' ulb-is-main'}${i === cursor ? ' ulb-cursor-cell' : ''}`;
              const open = (col: 'current' | 'comparative') => {
                const req = request(r, col);
                return req ? () => setDrill(req) : undefined;
              };
              return (
                <tr key={i} className={cls} onClick={() => setCursor(i)}>
                  <td className="ulb-is-label" style={{ paddingLeft: r.indent ? 36 : 10 }}>
                    {r.lineNo}
                    {r.indent ? '' : '、'}
                    {r.label}
                  </td>
                  <td className="ulb-bs-amt">
                    {r.current === null ? '' : <Amount value={r.current} zero="0.00" label={`${r.label} ${data.columns[0]}`} onOpen={open('current')} />}
                  </td>
                  <td className="ulb-bs-amt">
                    {r.comparative === null ? '' : <Amount value={r.comparative} zero="0.00" label={`${r.label} ${data.columns[1]}`} onOpen={open('comparative')} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="ulb-sign">
        <span>工会主席：</span>
        <span>财务负责人：</span>
        <span>复核：</span>
        <span>制表：</span>
      </div>
      <div className="ulb-keys">收入、支出金额可点击查看来源凭证（不含期末结转凭证）。</div>
      <DrillDrawer request={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
