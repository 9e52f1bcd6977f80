// 资产负债表 (工会01表) as the official two-sided form: 资产 on the left, 负债和净资产 on the right,
// each with 行次 | 年初余额 | 期末余额; 资产总计 and 负债与净资产总计 on the last line. A figure
// drawn from accounts opens the vouchers behind it; a red banner if the sheet does not balance.
import { useRef, useState } from 'react';
import { Alert } from 'antd';
import type { BalanceSheet, BalanceSheetRow } from '@contract/ledger';
import { formatYuan } from '@contract/money';
import { Amount, BookHeading } from '../books/common';
import DrillDrawer, { type DrillRequest } from '../books/DrillDrawer';
import { useStatementCursor } from './statement-cursor';

type Cell = BalanceSheetRow | null;

function split(rows: readonly BalanceSheetRow[]): { pairs: [Cell, Cell][]; assetsTotal: Cell; grandTotal: Cell } {
  const at = rows.findIndex((r) => r.kind === 'total');
  const left = rows.slice(0, at);
  const right = rows.slice(at + 1).filter((r) => r.kind !== 'total');
  const grandTotal = rows.slice(at + 1).find((r) => r.kind === 'total') ?? null;
  const n = Math.max(left.length, right.length);
  const pairs: [Cell, Cell][] = Array.from({ length: n }, (_, i) => [left[i] ?? null, right[i] ?? null]);
  return { pairs, assetsTotal: rows[at] ?? null, grandTotal };
}

export default function BalanceSheetView({ data, firstYear }: { data: BalanceSheet; firstYear: number | null }) {
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const { pairs, assetsTotal, grandTotal } = split(data.rows);
  const year = Number(data.period.slice(0, 4));
  const flat = pairs.flatMap(([l, r]) => [l, r]).filter((c): c is BalanceSheetRow => !!c && c.accounts.length > 0);
  const table = useRef<HTMLTableElement>(null);

  const request = (r: BalanceSheetRow, col: 'opening' | 'closing'): DrillRequest | null => {
    if (r.accounts.length === 0) return null;
    const title = `${r.label} ${col === 'opening' ? '年初余额' : data.columns[1]}`;
    if (col === 'closing') return { title, accounts: r.accounts, from: `${year}-01`, to: data.period };
    if (firstYear === null || year <= firstYear) return null;
    return { title, accounts: r.accounts, from: `${firstYear}-01`, to: `${year - 1}-12` };
  };
  const { cursor, onKeyDown } = useStatementCursor(flat, (r) => {
    const req = request(r, 'closing');
    if (req) setDrill(req);
    return req !== null;
  });

  const side = (r: Cell, key: string) => {
    if (!r) return [<td key={`${key}l`} />, <td key={`${key}n`} />, <td key={`${key}o`} />, <td key={`${key}c`} />];
    const on = cursor >= 0 && flat.indexOf(r) === cursor;
    const cls = `ulb-bs-${r.kind}${on ? ' ulb-cursor-cell' : ''}`;
    const open = (col: 'opening' | 'closing') => {
      const req = request(r, col);
      return req ? () => setDrill(req) : undefined;
    };
    return [
      <td key={`${key}l`} className={`ulb-bs-label ${cls}`}>
        {r.label}
      </td>,
      <td key={`${key}n`} className={`ulb-bs-no ${cls}`}>
        {r.lineNo ?? ''}
      </td>,
      <td key={`${key}o`} className={`ulb-bs-amt ${cls}`}>
        <Amount value={r.opening} zero={r.kind === 'section' ? '' : '0.00'} label={`${r.label} 年初余额`} onOpen={open('opening')} />
      </td>,
      <td key={`${key}c`} className={`ulb-bs-amt ${cls}`}>
        <Amount value={r.closing} zero={r.kind === 'section' ? '' : '0.00'} label={`${r.label} ${data.columns[1]}`} onOpen={open('closing')} />
      </td>,
    ];
  };

  return (
    <div>
      {!data.balanced && (
        <Alert
          className="ulb-banner"
          type="error"
          showIcon
          title="资产负债表不平：资产总计 ≠ 负债与净资产总计"
          description={`年初：${formatYuan(data.totals.assets.opening)} ≠ ${formatYuan(data.totals.liabilitiesAndNetAssets.opening)}；${data.columns[1]}：${formatYuan(data.totals.assets.closing)} ≠ ${formatYuan(data.totals.liabilitiesAndNetAssets.closing)}。记账凭证与余额表可能不一致，请先核对科目余额表。`}
          style={{ marginBottom: 12 }}
        />
      )}
      <BookHeading title={data.title} formNo={data.formNo} unionName={data.unionName} periodLabel={data.periodLabel} />
      <div
        className="ulb-box"
        tabIndex={0}
        aria-label="资产负债表（↑↓ 选择项目，Enter 查看期末余额的来源凭证）"
        onKeyDown={onKeyDown}
      >
        <table className="ulb-form ulb-bs" ref={table}>
          <colgroup>
            <col style={{ width: '19%' }} />
            <col style={{ width: '5%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '19%' }} />
            <col style={{ width: '5%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '13%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>资　　产</th>
              <th>行次</th>
              <th>{data.columns[0]}</th>
              <th>{data.columns[1]}</th>
              <th>负债和净资产</th>
              <th>行次</th>
              <th>{data.columns[0]}</th>
              <th>{data.columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map(([l, r], i) => (
              <tr key={i}>
                {side(l, 'l')}
                {side(r, 'r')}
              </tr>
            ))}
            <tr className="ulb-bs-grand">
              {side(assetsTotal, 'tl')}
              {side(grandTotal, 'tr')}
            </tr>
          </tbody>
        </table>
      </div>
      <div className="ulb-sign">
        <span>工会主席：</span>
        <span>财务负责人：</span>
        <span>复核：</span>
        <span>制表：</span>
      </div>
      <div className="ulb-keys">由科目取数的金额可点击查看来源凭证（期末余额：本年 1 月至本期；年初余额：以前年度）。</div>
      <DrillDrawer request={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
