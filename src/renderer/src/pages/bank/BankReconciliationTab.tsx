// 银行对账 tab of the 账簿 module: the 银行存款余额调节表 (vouchers-and-books.md §9; 财会〔2021〕7号
// 第二十九条), one month and one 102 detail account at a time. The book side is the posted 银行存款
// 日记账 balance; the user types the statement balance and the 未达账项 in four lists; both adjusted
// balances and 相符/不符 follow as they type. Amounts are typed in 元 and sent in 分. A closed month
// shows its saved table read-only; so does a user who may only read the books.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Empty, Input, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { RECONCILIATION_KINDS, type BankReconciliation, type ReconciliationKind } from '@contract/entries';
import { formatYuan } from '@contract/money';
import dayjs from 'dayjs';
import { ApiError, call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useSession } from '../../layout/SessionContext';
import { lastDayOf, MonthPicker, useLoad } from '../books/common';
import { fenOf } from '../entries/common';
import './bank.css';

interface Row {
  key: number;
  kind: ReconciliationKind;
  date: string;
  description: string;
  amount: string;
}

let nextKey = 1;
const KINDS = Object.keys(RECONCILIATION_KINDS) as ReconciliationKind[];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function rowsOf(rec: BankReconciliation): Row[] {
  return rec.items.map((i) => ({ key: nextKey++, kind: i.kind, date: i.date, description: i.description, amount: formatYuan(i.amountFen) }));
}

export default function BankReconciliationTab({ initialPeriod }: { initialPeriod: string }) {
  const { user } = useSession();
  const canSave = user.roles.includes('accountant') || user.roles.includes('supervisor');
  const [period, setPeriod] = useState(initialPeriod);
  const [code, setCode] = useState<string | null>(null);
  const status = useLoad(() => call('bank.reconciliation.status', { period }), [period]);
  const periods = useLoad(() => call('periods.list', { year: Number(period.slice(0, 4)) }), [period.slice(0, 4)]);
  const closed = periods.data?.months.find((p) => p.period === period)?.status === 'closed';

  useEffect(() => {
    const list = status.data ?? [];
    if (list.length > 0 && !list.some((s) => s.bankAccountCode === code)) setCode(list[0]!.bankAccountCode);
  }, [status.data, code]);

  const account = status.data?.find((s) => s.bankAccountCode === code) ?? null;
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>对账期间</span>
          <MonthPicker label="对账期间" value={period} onChange={setPeriod} />
          {status.data && status.data.length > 0 && (
            <>
              <span>银行账户</span>
              <Segmented
                aria-label="银行账户"
                value={code ?? undefined}
                onChange={(v) => setCode(String(v))}
                options={status.data.map((s) => ({
                  value: s.bankAccountCode,
                  label: (
                    <span>
                      {s.bankAccountCode} {s.bankAccountName}{' '}
                      {s.saved ? <Tag color={s.agreed ? 'green' : 'red'}>{s.agreed ? '已对账' : '不符'}</Tag> : s.required ? <Tag color="gold">待对账</Tag> : null}
                    </span>
                  ),
                }))}
              />
            </>
          )}
          <Button icon={<ReloadOutlined />} onClick={status.reload}>
            刷新
          </Button>
        </Space>
      </div>
      {status.error && <Alert type="error" showIcon title={status.error} style={{ marginBottom: 12 }} />}
      {status.data && status.data.length === 0 && <Empty description="没有设置银行存款（102）科目" />}
      {account && (
        <Sheet
          key={`${period}/${account.bankAccountCode}`}
          period={period}
          code={account.bankAccountCode}
          readOnly={closed || !canSave}
          why={closed ? '本月已结账，调节表只读。' : !canSave ? '只有会计和会计主管可以编制调节表。' : null}
          onSaved={status.reload}
        />
      )}
    </div>
  );
}

function Sheet({ period, code, readOnly, why, onSaved }: { period: string; code: string; readOnly: boolean; why: string | null; onSaved: () => void }) {
  const { message } = App.useApp();
  const { data: loaded, error, loading } = useLoad(() => call('bank.reconciliation.get', { period, bankAccountCode: code }), [period, code]);
  const [rec, setRec] = useState<BankReconciliation | null>(null);
  const [statement, setStatement] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const reset = (r: BankReconciliation) => {
    setRec(r);
    setStatement(r.statementBalanceFen === null ? '' : formatYuan(r.statementBalanceFen));
    setRows(rowsOf(r));
    setDirty(false);
  };
  useEffect(() => {
    if (loaded) reset(loaded);
  }, [loaded]);

  const statementFen = fenOf(statement);
  const sums = useMemo(() => {
    const s: Record<ReconciliationKind, number> = { bank_received_not_booked: 0, bank_paid_not_booked: 0, booked_received_not_bank: 0, booked_paid_not_bank: 0 };
    for (const r of rows) s[r.kind] += fenOf(r.amount) ?? 0;
    return s;
  }, [rows]);
  const rowErrors = useMemo(() => {
    const out = new Map<number, string>();
    for (const r of rows) {
      const amt = fenOf(r.amount);
      if (!DATE_RE.test(r.date)) out.set(r.key, '日期格式应为 YYYY-MM-DD');
      else if (r.date > lastDayOf(period)) out.set(r.key, `日期晚于本月末 ${lastDayOf(period)}`);
      else if (!r.description.trim()) out.set(r.key, '请填写摘要');
      else if (amt === null || amt <= 0) out.set(r.key, '金额应为大于零的数字，如 1,234.50');
    }
    return out;
  }, [rows, period]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!rec) return <Spin spinning={loading}><div style={{ height: 80 }} /></Spin>;

  const adjustedBook = rec.bookBalanceFen + sums.bank_received_not_booked - sums.bank_paid_not_booked;
  const adjustedBank = statementFen === null ? null : statementFen + sums.booked_received_not_bank - sums.booked_paid_not_bank;
  const agreed = adjustedBank !== null && adjustedBank === adjustedBook;
  const edit = (f: (rs: Row[]) => Row[]) => {
    setRows(f);
    setDirty(true);
  };
  const focusRow = (key: number) => requestAnimationFrame(() => box.current?.querySelector<HTMLInputElement>(`[data-row="${key}"] input`)?.focus());
  const add = (kind: ReconciliationKind, after?: number) => {
    const row: Row = { key: nextKey++, kind, date: lastDayOf(period), description: '', amount: '' };
    edit((rs) => {
      const i = after === undefined ? -1 : rs.findIndex((r) => r.key === after);
      return i < 0 ? [...rs, row] : [...rs.slice(0, i + 1), row, ...rs.slice(i + 1)];
    });
    focusRow(row.key);
  };
  const remove = (key: number) => {
    const same = rows.filter((r) => r.kind === rows.find((x) => x.key === key)?.kind);
    const i = same.findIndex((r) => r.key === key);
    const next = same[i + 1] ?? same[i - 1];
    edit((rs) => rs.filter((r) => r.key !== key));
    if (next) focusRow(next.key);
  };

  const save = async () => {
    setSaveError(null);
    if (statementFen === null) {
      setSaveError('请输入银行对账单余额（元）');
      return;
    }
    if (rowErrors.size > 0) {
      setSaveError('有未达账项填写不完整，请按提示更正。');
      return;
    }
    setSaving(true);
    try {
      const saved = await call('bank.reconciliation.save', {
        period,
        bankAccountCode: code,
        statementBalanceFen: statementFen,
        items: rows.map((r) => ({ kind: r.kind, date: r.date, description: r.description.trim(), amountFen: fenOf(r.amount)! })),
      });
      reset(saved);
      onSaved();
      message.success(saved.agreed ? '调节表已保存：调节后余额相符' : '调节表已保存：调节后余额不符，请查明原因');
    } catch (err) {
      const text = errorMessage(err);
      setSaveError(err instanceof ApiError && err.data.rule ? `${text}（${err.data.rule}）` : text);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!readOnly && (e.ctrlKey || e.metaKey) && e.code === 'KeyS') {
      e.preventDefault();
      void save();
    }
  };

  const list = (kind: ReconciliationKind, sign: '加' | '减') => {
    const mine = rows.filter((r) => r.kind === kind);
    const label = RECONCILIATION_KINDS[kind];
    return (
      <div className="ulk-list" role="group" aria-label={label}>
        <div className="ulk-list-head">
          <span>
            {sign}：{label}
          </span>
          <span className="ulb-num">{formatYuan(sums[kind])}</span>
        </div>
        {mine.length === 0 && <div className="ulk-none">无</div>}
        {mine.map((r, i) => {
          const err = rowErrors.get(r.key);
          const set = (patch: Partial<Row>) => edit((rs) => rs.map((x) => (x.key === r.key ? { ...x, ...patch } : x)));
          const rowKeys = (e: KeyboardEvent<HTMLInputElement>) => {
            if ((e.ctrlKey || e.altKey) && e.key === 'Delete') {
              e.preventDefault();
              remove(r.key);
            } else if ((e.ctrlKey || e.altKey) && e.key === 'Insert') {
              e.preventDefault();
              add(kind, r.key);
            }
          };
          const n = `${label}第${i + 1}笔`;
          return (
            <div key={r.key} data-row={r.key} className="ulk-row">
              <Input size="small" aria-label={`${n}日期`} value={r.date} readOnly={readOnly} onChange={(e) => set({ date: e.target.value })} onKeyDown={rowKeys} style={{ width: 110 }} status={err && !DATE_RE.test(r.date) ? 'error' : undefined} />
              <Input size="small" aria-label={`${n}摘要`} value={r.description} readOnly={readOnly} onChange={(e) => set({ description: e.target.value })} onKeyDown={rowKeys} maxLength={100} placeholder="摘要" />
              <Input
                size="small"
                aria-label={`${n}金额`}
                value={r.amount}
                readOnly={readOnly}
                onChange={(e) => set({ amount: e.target.value })}
                onBlur={() => {
                  const f = fenOf(r.amount);
                  if (f !== null) set({ amount: formatYuan(f) });
                }}
                onKeyDown={(e) => {
                  rowKeys(e);
                  if (e.key === 'Enter' && !readOnly && i === mine.length - 1) {
                    e.preventDefault();
                    add(kind);
                  }
                }}
                style={{ width: 120, textAlign: 'right' }}
                placeholder="0.00"
              />
              {!readOnly && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`删除${n}`} onClick={() => remove(r.key)} />}
              {err && <div className="ulk-err" role="alert">{err}</div>}
            </div>
          );
        })}
        {!readOnly && (
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add(kind)} aria-label={`添加${label}`}>
            添加一笔
          </Button>
        )}
      </div>
    );
  };

  return (
    <div ref={box} onKeyDown={onKeyDown} className="ulk-sheet">
      <h2 className="ulb-title">银行存款余额调节表</h2>
      <div className="ulb-heading-row">
        <span>
          账户：{rec.bankAccountCode} {rec.bankAccountName}
        </span>
        <span>
          {period.slice(0, 4)} 年 {Number(period.slice(5))} 月 {lastDayOf(period).slice(8)} 日
        </span>
        <span>单位：元</span>
      </div>
      {why && <Alert type="info" showIcon title={why} style={{ margin: '8px 0' }} />}
      {rec.saved && rec.savedBookBalanceFen !== null && rec.savedBookBalanceFen !== rec.bookBalanceFen && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '8px 0' }}
          title={`保存调节表时的账面余额为 ${formatYuan(rec.savedBookBalanceFen)} 元，此后又有凭证记账，现为 ${formatYuan(rec.bookBalanceFen)} 元：请重新核对并保存。`}
        />
      )}
      <div className="ulk-grid">
        <section className="ulk-side" aria-label="单位账面">
          <div className="ulk-line">
            <span>单位银行存款日记账余额</span>
            <span className="ulb-num" aria-label="单位银行存款日记账余额">{formatYuan(rec.bookBalanceFen)}</span>
          </div>
          {list('bank_received_not_booked', '加')}
          {list('bank_paid_not_booked', '减')}
          <div className="ulk-line ulk-adjusted">
            <span>调节后的存款余额</span>
            <span className="ulb-num" aria-label="单位调节后余额">{formatYuan(adjustedBook)}</span>
          </div>
        </section>
        <section className="ulk-side" aria-label="银行对账单">
          <div className="ulk-line">
            <label htmlFor="ulk-statement">银行对账单余额</label>
            <Input
              id="ulk-statement"
              aria-label="银行对账单余额"
              value={statement}
              readOnly={readOnly}
              onChange={(e) => {
                setStatement(e.target.value);
                setDirty(true);
              }}
              onBlur={() => statementFen !== null && setStatement(formatYuan(statementFen))}
              status={statement.trim() !== '' && statementFen === null ? 'error' : undefined}
              style={{ width: 160, textAlign: 'right' }}
              placeholder="对账单月末余额"
            />
          </div>
          {list('booked_received_not_bank', '加')}
          {list('booked_paid_not_bank', '减')}
          <div className="ulk-line ulk-adjusted">
            <span>调节后的存款余额</span>
            <span className="ulb-num" aria-label="银行调节后余额">{adjustedBank === null ? '—' : formatYuan(adjustedBank)}</span>
          </div>
        </section>
      </div>
      <div className="ulk-verdict" role="status" aria-label="对账结果">
        {adjustedBank === null ? (
          <Tag className="ulk-tag">待输入对账单余额</Tag>
        ) : agreed ? (
          <Tag color="success" className="ulk-tag">
            相符
          </Tag>
        ) : (
          <Tag color="error" className="ulk-tag">
            不符：差额 {formatYuan(adjustedBook - adjustedBank)}
          </Tag>
        )}
        <Typography.Text type="secondary">
          {rec.saved ? `已由 ${rec.savedBy ?? ''} 于 ${rec.savedAt ? dayjs(rec.savedAt).format('YYYY-MM-DD HH:mm') : ''} 保存${dirty ? '，有未保存的修改' : ''}` : '尚未保存'}
        </Typography.Text>
      </div>
      {rec.findings.length > 0 && (
        <ul className="ule-findings">
          {rec.findings.map((f, i) => (
            <li key={i}>
              <Typography.Text strong type={f.severity === 'block' ? 'danger' : 'warning'}>
                {f.rule}
              </Typography.Text>{' '}
              {f.message} <Typography.Text type="secondary">（{f.citation}）</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {saveError && <Alert type="error" showIcon title={saveError} style={{ margin: '8px 0' }} role="alert" />}
      {!readOnly && (
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()}>
            保存调节表 <span className="ulv-kbd">Ctrl+S</span>
          </Button>
          {dirty && <Button onClick={() => reset(rec)}>放弃修改</Button>}
          <Typography.Text type="secondary">在金额栏按 Enter 添加下一笔；Alt+Insert 插入、Alt+Delete 删除当前一笔。</Typography.Text>
        </Space>
      )}
    </div>
  );
}
