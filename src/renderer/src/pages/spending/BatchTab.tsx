// 批量发放 (issue 5 "Batch distributions"; scenarios S10, S14): festival goods to every member in
// service, the month's birthday list, the visits to retirees. The user picks the kind and occasion,
// the amount and item per person; spending.batch.prepare selects the members on the date and saves
// ONE draft request checked by the engine. The screen then shows the recipient list with each
// member's findings (caps, R-RET, a second birthday …), the request's other findings, a link to the
// request (to submit it through the ordinary approval) and the 签领表 to print.
import { useState } from 'react';
import { Alert, Button, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { BATCH_KINDS, BATCH_KIND_LABELS, type BatchKind, type BatchPrepareResult } from '@contract/distributions';
import { PAYMENT_METHOD_VALUES, type SpendingFinding, type SpendingRecipientRow } from '@contract/spending';
import { formatYuan, parseYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import PrintExportButtons from '../../lib/PrintExportButtons';
import { FindingItem } from './Findings';
import { FESTIVAL_OPTIONS, SeverityTag, todayIso } from './common';

type Method = (typeof PAYMENT_METHOD_VALUES)[number];

const DEFAULTS: Record<BatchKind, { item: string; method: Method; festival: string }> = {
  festival_all_active: { item: '', method: '实物', festival: '春节' },
  birthday_month: { item: '生日蛋糕券', method: '蛋糕券', festival: '' },
  retiree_visit: { item: '', method: '实物', festival: '中秋节' },
};

export default function BatchTab({ onOpen }: { onOpen: (id: number) => void }) {
  const [kind, setKind] = useState<BatchKind>('festival_all_active');
  const [date, setDate] = useState(todayIso());
  const [festival, setFestival] = useState(DEFAULTS.festival_all_active.festival);
  const [month, setMonth] = useState<number>(new Date().getMonth() + 1);
  const [amount, setAmount] = useState('');
  const [item, setItem] = useState('');
  const [method, setMethod] = useState<Method>('实物');
  const [payee, setPayee] = useState('');
  const [budgetRef, setBudgetRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BatchPrepareResult | null>(null);

  const pickKind = (k: BatchKind) => {
    setKind(k);
    setMethod(DEFAULTS[k].method);
    if (DEFAULTS[k].festival) setFestival(DEFAULTS[k].festival);
    if (k === 'birthday_month' && !item) setItem(DEFAULTS[k].item);
  };

  const prepare = async () => {
    setError(null);
    let fen: number;
    try {
      fen = parseYuan(amount, '每人金额');
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    setBusy(true);
    try {
      const r = await call('spending.batch.prepare', {
        kind,
        date,
        ...(kind === 'birthday_month' ? { month } : { festival }),
        amountPerPersonFen: fen,
        item: item.trim(),
        paymentMethod: method,
        ...(payee.trim() ? { payeeName: payee.trim() } : {}),
        budgetRef: budgetRef.trim() ? budgetRef.trim() : null,
      });
      setResult(r);
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const byMember = new Map<number, SpendingFinding[]>();
  for (const f of result?.findings ?? []) if (f.memberId !== undefined) byMember.set(f.memberId, [...(byMember.get(f.memberId) ?? []), f]);
  const general = (result?.findings ?? []).filter((f) => f.memberId === undefined);
  const flagged = result ? result.request.recipients.filter((r) => byMember.has(r.memberId)).length : 0;

  return (
    <div aria-label="批量发放">
      <div className="uls-grid" style={{ marginBottom: 12 }}>
        <label className="uls-field">
          <span>发放类型</span>
          <Select<BatchKind>
            aria-label="发放类型"
            value={kind}
            onChange={pickKind}
            options={BATCH_KINDS.map((k) => ({ value: k, label: BATCH_KIND_LABELS[k] }))}
            style={{ width: 240 }}
          />
        </label>
        <label className="uls-field">
          <span>发放日期</span>
          <Input aria-label="发放日期" value={date} onChange={(e) => setDate(e.target.value)} placeholder="YYYY-MM-DD" style={{ width: 130 }} />
        </label>
        {kind === 'birthday_month' ? (
          <label className="uls-field">
            <span>生日月份</span>
            <Select<number> aria-label="生日月份" value={month} onChange={setMonth} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))} style={{ width: 90 }} />
          </label>
        ) : (
          <label className="uls-field">
            <span>节日</span>
            <Select<string> aria-label="发放节日" value={festival} onChange={setFestival} options={FESTIVAL_OPTIONS.map((f) => ({ value: f, label: f }))} style={{ width: 130 }} />
          </label>
        )}
        <label className="uls-field">
          <span>每人金额（元）</span>
          <Input aria-label="每人金额" value={amount} onChange={(e) => setAmount(e.target.value)} style={{ width: 110 }} className="ulm-num" />
        </label>
        <label className="uls-field">
          <span>物品</span>
          <Input aria-label="发放物品" value={item} onChange={(e) => setItem(e.target.value)} placeholder="如：月饼一盒、水果一箱" style={{ width: 220 }} />
        </label>
        <label className="uls-field">
          <span>发放方式</span>
          <Select<Method> aria-label="发放方式" value={method} onChange={setMethod} options={PAYMENT_METHOD_VALUES.map((m) => ({ value: m, label: m }))} style={{ width: 120 }} />
        </label>
        <label className="uls-field">
          <span>供应商</span>
          <Input aria-label="供应商" value={payee} onChange={(e) => setPayee(e.target.value)} placeholder="可稍后在申请中填写" style={{ width: 200 }} />
        </label>
        <label className="uls-field">
          <span>预算项目</span>
          <Input aria-label="批量发放预算项目" value={budgetRef} onChange={(e) => setBudgetRef(e.target.value)} placeholder="空：按科目匹配" style={{ width: 160 }} />
        </label>
      </div>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" loading={busy} disabled={!amount.trim() || !item.trim()} onClick={() => void prepare()}>
          生成发放名单
        </Button>
        <span className="uls-muted">按发放日期的会员状态选取名单，生成一份支出申请草稿，合规检查逐人核对上限。</span>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!result && !error && <Empty description="选择发放类型、节日或月份、每人金额和物品，生成发放名单" />}
      {result && (
        <div aria-label="发放名单">
          <Alert
            type={result.request.latestCheck?.blocked ? 'error' : 'success'}
            showIcon
            title={
              <span aria-label="发放结果">
                已生成支出申请 #{result.request.id}（草稿）：{result.request.purpose}，共 {result.recipientCount} 人，合计 {formatYuan(result.request.amountFen)} 元
                {flagged > 0 ? `；${flagged} 人有检查问题` : ''}
              </span>
            }
            style={{ marginBottom: 8 }}
          />
          <div className="uls-toolbar">
            <Space>
              <Button onClick={() => onOpen(result.request.id)}>打开支出申请 #{result.request.id}</Button>
              <span>签领表</span>
              <PrintExportButtons file={(format) => call('spending.rosterPrint', { requestId: result.request.id, format })} />
            </Space>
          </div>
          {general.length > 0 && (
            <div className="uls-section">
              <h3>整批检查结果</h3>
              {general.map((f, i) => (
                <FindingItem key={`${f.rule}-${i}`} f={f} ov={null} />
              ))}
            </div>
          )}
          <Table<SpendingRecipientRow>
            aria-label="领取人名单"
            rowKey="memberId"
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={result.request.recipients}
            columns={[
              { title: '序号', key: 'no', width: 60, render: (_v, _r, i) => i + 1 },
              { title: '工号', dataIndex: 'employeeNo', width: 90 },
              { title: '姓名', dataIndex: 'name', width: 90 },
              { title: '物品', dataIndex: 'item', render: (v: string | null) => v ?? '' },
              { title: '金额', dataIndex: 'amountFen', align: 'right', width: 110, render: (v: number) => <span className="ulm-num">{formatYuan(v)}</span> },
              {
                title: '检查',
                key: 'check',
                render: (_v, r) => {
                  const fs = byMember.get(r.memberId) ?? [];
                  if (fs.length === 0) return <Tag color="green">通过</Tag>;
                  return (
                    <div aria-label={`${r.name}的检查结果`}>
                      {fs.map((f, i) => (
                        <div key={i} className="uls-recipient-finding" data-rule={f.rule} title={f.citation}>
                          <SeverityTag severity={f.severity} /> <b>{f.rule}</b> {f.message}
                          <div className="uls-muted">依据：{f.citation}</div>
                        </div>
                      ))}
                    </div>
                  );
                },
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
