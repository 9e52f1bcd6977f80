// 年度预算: the year's versions (年初预算, 第1次调整 …), an editable grid of lines with 上年决算数
// beside each, the approvals the settings require (工会委员会 → 经费审查委员会 → 上级工会), 批准
// once none is missing, and 开始调整 with a reason after approval.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Input, Modal, Select, Space, Spin, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AccountInfo } from '@contract/books';
import {
  BUDGET_DECISION_LABELS,
  BUDGET_STAGE_LABELS,
  type BudgetApprovalView,
  type BudgetDecision,
  type BudgetLineInput,
  type BudgetStage,
  type BudgetView,
} from '@contract/budget';
import { formatYuan, parseYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage, reportError } from '../../lib/errors';
import { useLoad } from '../../lib/useLoad';
import PrintExportButtons from '../../lib/PrintExportButtons';
import { useSession } from '../../layout/SessionContext';
import { Amount, BookHeading, bookAccounts, YearPicker } from '../books/common';
import AccountField from '../books/AccountField';

interface DraftLine {
  key: number;
  accountCode: string;
  expenseType: 'basic' | 'project' | null;
  project: string;
  amount: string;
  note: string;
  previousActualFen: number | null;
}

let nextKey = 1;
const blankLine = (): DraftLine => ({ key: nextKey++, accountCode: '', expenseType: null, project: '', amount: '', note: '', previousActualFen: null });

function draftOf(view: BudgetView): DraftLine[] {
  return view.lines.map((l) => ({
    key: nextKey++,
    accountCode: l.accountCode,
    expenseType: l.expenseType,
    project: l.project ?? '',
    amount: formatYuan(l.amountFen, { thousands: false }),
    note: l.note ?? '',
    previousActualFen: l.previousActualFen,
  }));
}

export default function BudgetTab({ accounts, year, onYear }: { accounts: AccountInfo[]; year: number; onYear: (y: number) => void }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const canPrepare = user.roles.includes('accountant') || user.roles.includes('supervisor');
  const canApprove = user.roles.includes('supervisor') || user.roles.includes('chair');
  const [version, setVersion] = useState<number | null>(null);
  const [withdrawn, setWithdrawn] = useState(0);
  const { data: union } = useLoad(() => call('union.get', {}), []);
  const { data: view, error, loading, reload } = useLoad(() => call('budget.get', version === null ? { year } : { year, version }), [year, version]);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [adjusting, setAdjusting] = useState(false);

  useEffect(() => {
    setVersion(null);
    setWithdrawn(0);
  }, [year]);
  useEffect(() => {
    if (!view) return;
    setLines(view.lines.length > 0 ? draftOf(view) : [blankLine()]);
    setDirty(false);
  }, [view]);

  const picks = useMemo(() => bookAccounts(accounts).filter((a) => /^[45]/.test(a.code)), [accounts]);
  const element = (code: string) => (code.startsWith('5') ? 'expenditure' : code.startsWith('4') ? 'revenue' : null);
  const isLatest = view !== null && (view.version === null || view.version === (view.versions.at(-1)?.version ?? 0));
  const editable = canPrepare && view !== null && view.status !== 'approved' && isLatest;

  const change = (key: number, patch: Partial<DraftLine>) => {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setDirty(true);
  };

  /** After a write: show the version the core answered with. */
  const show = (v: BudgetView) => {
    if (v.version === version) reload();
    else setVersion(v.version);
  };

  const save = async () => {
    const out: BudgetLineInput[] = [];
    for (const [i, l] of lines.entries()) {
      if (l.accountCode === '' && l.amount.trim() === '') continue;
      if (l.accountCode === '') return void message.error(`第 ${i + 1} 行：请选择预算科目`);
      let amountFen: number;
      try {
        amountFen = parseYuan(l.amount, `第 ${i + 1} 行预算金额`);
      } catch (err) {
        return void message.error(errorMessage(err));
      }
      out.push({
        accountCode: l.accountCode,
        expenseType: element(l.accountCode) === 'expenditure' ? l.expenseType : null,
        project: l.project.trim() || null,
        amountFen,
        note: l.note.trim() || null,
      });
    }
    setBusy(true);
    try {
      const v = await call('budget.saveDraft', { year, lines: out });
      setWithdrawn(v.approvalsWithdrawn);
      message.success(v.approvalsWithdrawn > 0 ? '预算草稿已保存，已登记的审批因明细变更而撤回。' : '预算草稿已保存。');
      show(v);
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    if (!view || view.version === null) return;
    setBusy(true);
    try {
      const v = await call('budget.approve', { year, version: view.version });
      message.success(`${year}年度${v.label}已批准。`);
      setWithdrawn(0);
      show(v);
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<DraftLine> = [
    { title: '行次', key: 'no', width: 56, align: 'center', render: (_: unknown, _l, i) => i + 1 },
    {
      title: '预算科目',
      key: 'account',
      render: (_: unknown, l, i) =>
        editable ? (
          <AccountField accounts={picks} value={l.accountCode} label={`第${i + 1}行预算科目`} onChange={(code) => change(l.key, { accountCode: code, ...(code.startsWith('4') ? { expenseType: null } : {}) })} />
        ) : (
          (view?.lines[i]?.label && `${l.accountCode} ${view.lines[i].label}`) || l.accountCode
        ),
    },
    {
      title: '支出类型',
      key: 'type',
      width: 120,
      render: (_: unknown, l, i) =>
        element(l.accountCode) !== 'expenditure' ? null : editable ? (
          <Select<'basic' | 'project' | ''>
            aria-label={`第${i + 1}行支出类型`}
            value={l.expenseType ?? ''}
            onChange={(v) => change(l.key, { expenseType: v === '' ? null : v })}
            style={{ width: 104 }}
            options={[
              { value: '', label: '不区分' },
              { value: 'basic', label: '基本支出' },
              { value: 'project', label: '项目支出' },
            ]}
          />
        ) : l.expenseType === 'basic' ? (
          '基本支出'
        ) : l.expenseType === 'project' ? (
          '项目支出'
        ) : (
          ''
        ),
    },
    {
      title: '项目',
      key: 'project',
      width: 130,
      render: (_: unknown, l, i) => (editable ? <Input aria-label={`第${i + 1}行项目`} value={l.project} maxLength={40} onChange={(e) => change(l.key, { project: e.target.value })} /> : l.project),
    },
    {
      title: '上年决算数',
      key: 'prev',
      width: 120,
      align: 'right',
      render: (_: unknown, l) => (l.previousActualFen === null ? <span className="ulb-nil">—</span> : <Amount value={l.previousActualFen} zero="0.00" />),
    },
    {
      title: '预算数（元）',
      key: 'amount',
      width: 140,
      align: 'right',
      render: (_: unknown, l, i) =>
        editable ? (
          <Input className="ulg-amount" aria-label={`第${i + 1}行预算金额`} value={l.amount} placeholder="0.00" onChange={(e) => change(l.key, { amount: e.target.value })} />
        ) : (
          <span className="ulb-num">{l.amount}</span>
        ),
    },
    {
      title: '说明',
      key: 'note',
      render: (_: unknown, l, i) => (editable ? <Input aria-label={`第${i + 1}行说明`} value={l.note} maxLength={200} onChange={(e) => change(l.key, { note: e.target.value })} /> : l.note),
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'del',
            width: 48,
            render: (_: unknown, l: DraftLine, i: number) => (
              <Button
                type="text"
                aria-label={`删除第${i + 1}行`}
                icon={<DeleteOutlined />}
                onClick={() => {
                  setLines((ls) => ls.filter((x) => x.key !== l.key));
                  setDirty(true);
                }}
              />
            ),
          },
        ]
      : []),
  ];

  const table = view && view.version !== null ? (view.version === 0 ? 'initial' : 'adjustment') : null;
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>预算年度</span>
          <YearPicker label="预算年度" value={year} onChange={onYear} />
          {view?.status && (
            <Tag className="ulg-status" color={view.status === 'approved' ? 'green' : 'gold'}>
              {view.status === 'approved' ? `已批准${view.effectiveDate ? `（${view.effectiveDate} 起执行）` : ''}` : '草稿'}
            </Tag>
          )}
          {canPrepare && view?.status === 'approved' && isLatest && <Button onClick={() => setAdjusting(true)}>开始调整</Button>}
        </Space>
        {view && table && view.version !== null && <PrintExportButtons file={(format) => call('budget.export', { table, year, version: view.version ?? 0, format })} />}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {view && view.versions.length > 1 && (
        <Tabs
          size="small"
          activeKey={String(view.version ?? 0)}
          onChange={(k) => setVersion(Number(k))}
          items={view.versions.map((v) => ({ key: String(v.version), label: `${v.label}${v.status === 'approved' ? '' : '（草稿）'}` }))}
        />
      )}
      {withdrawn > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`预算明细已修改，原已登记的 ${withdrawn} 条审批记录已撤回，请重新报审。`}
          closable
          onClose={() => setWithdrawn(0)}
        />
      )}
      {view?.reason && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`调整原因：${view.reason}`} />}
      <Spin spinning={loading || busy}>
        {view && (
          <>
            <BookHeading title={view.version !== null && view.version > 0 ? '工会经费收支预算表（调整）' : '工会经费收支预算表'} unionName={union?.name ?? ''} periodLabel={`${year}年度 ${view.label}`} />
            {view.version === null && !editable && <Empty description={`${year}年度还没有预算`} />}
            {(view.version !== null || editable) && (
              <Table<DraftLine>
                aria-label="预算明细"
                className="ulb-table ulg-grid"
                size="small"
                bordered
                rowKey="key"
                columns={columns}
                dataSource={lines}
                pagination={false}
                summary={() => (
                  <>
                    <Table.Summary.Row className="ulg-total">
                      <Table.Summary.Cell index={0} colSpan={4}>
                        收入合计
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">
                        <Amount value={view.totals.previousRevenueFen} zero="0.00" />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">
                        <Amount value={view.totals.revenueFen} zero="0.00" />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={6} colSpan={editable ? 2 : 1}>
                        {dirty ? '（保存后更新）' : ''}
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                    <Table.Summary.Row className="ulg-total">
                      <Table.Summary.Cell index={0} colSpan={4}>
                        支出合计
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">
                        <Amount value={view.totals.previousExpenditureFen} zero="0.00" />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">
                        <Amount value={view.totals.expenditureFen} zero="0.00" />
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={6} colSpan={editable ? 2 : 1} />
                    </Table.Summary.Row>
                  </>
                )}
              />
            )}
            {editable && (
              <Space style={{ marginTop: 12 }}>
                <Button icon={<PlusOutlined />} onClick={() => (setLines((ls) => [...ls, blankLine()]), setDirty(true))}>
                  增加一行
                </Button>
                <Button type="primary" loading={busy} onClick={() => void save()}>
                  保存草稿
                </Button>
                {dirty && <span className="ulb-warn">有未保存的修改</span>}
              </Space>
            )}
            {view.version !== null && (
              <Approvals
                view={view}
                canApprove={canApprove && isLatest && !dirty}
                onRecorded={(v) => {
                  setWithdrawn(0);
                  show(v);
                }}
                onApprove={() => void approve()}
              />
            )}
          </>
        )}
      </Spin>
      <AdjustModal
        open={adjusting}
        year={year}
        onClose={() => setAdjusting(false)}
        onDone={(v) => {
          setAdjusting(false);
          setWithdrawn(0);
          show(v);
        }}
      />
    </div>
  );
}

function Approvals({ view, canApprove, onRecorded, onApprove }: { view: BudgetView; canApprove: boolean; onRecorded: (v: BudgetView) => void; onApprove: () => void }) {
  const { message } = App.useApp();
  const [stage, setStage] = useState<BudgetStage | null>(view.missingStages[0] ?? null);
  const [decision, setDecision] = useState<BudgetDecision>('approved');
  const [date, setDate] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [documentNo, setDocumentNo] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setStage(view.missingStages[0] ?? null);
    setDecision('approved');
    setDocumentNo('');
    setNote('');
  }, [view]);

  const record = async () => {
    if (!stage || view.version === null) return;
    setBusy(true);
    try {
      const v = await call('budget.recordApproval', { year: view.year, version: view.version, stage, decision, date, documentNo, note: note || null });
      message.success(`已登记${BUDGET_STAGE_LABELS[stage]}的审批意见。`);
      onRecorded(v);
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<BudgetApprovalView> = [
    { title: '审批环节', dataIndex: 'stageLabel', width: 140 },
    { title: '意见', dataIndex: 'decisionLabel', width: 80, render: (t: string, a) => <Tag color={a.decision === 'returned' ? 'red' : 'green'}>{t}</Tag> },
    { title: '日期', dataIndex: 'date', width: 110 },
    { title: '文号', dataIndex: 'documentNo' },
    { title: '备注', dataIndex: 'note', render: (t: string | null) => t ?? '' },
    { title: '登记人', dataIndex: 'recordedBy', width: 110 },
  ];
  const draft = view.status === 'draft';
  return (
    <div className="ulg-section" aria-label="预算审批">
      <h3>审批记录</h3>
      <div className="ulb-keys" style={{ marginBottom: 8 }}>
        须经：{view.requiredStages.map((s) => BUDGET_STAGE_LABELS[s]).join(' → ')}
        {draft && (view.missingStages.length > 0 ? `；尚缺：${view.missingStages.map((s) => BUDGET_STAGE_LABELS[s]).join('、')}` : '；审批已齐，可以批准')}
      </div>
      <Table<BudgetApprovalView> size="small" bordered rowKey="id" columns={columns} dataSource={view.approvals} pagination={false} locale={{ emptyText: '尚未登记审批' }} />
      {draft && canApprove && view.lines.length > 0 && view.missingStages.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          <Select<BudgetStage>
            aria-label="审批环节"
            value={stage ?? undefined}
            onChange={setStage}
            style={{ width: 150 }}
            options={view.missingStages.map((s) => ({ value: s, label: BUDGET_STAGE_LABELS[s] }))}
          />
          <Select<BudgetDecision>
            aria-label="审批意见"
            value={decision}
            onChange={setDecision}
            style={{ width: 90 }}
            options={(['approved', 'filed', 'returned'] as const).filter((d) => d !== 'filed' || stage === 'upper').map((d) => ({ value: d, label: BUDGET_DECISION_LABELS[d] }))}
          />
          <Input aria-label="审批日期" value={date} onChange={(e) => setDate(e.target.value)} placeholder="YYYY-MM-DD" style={{ width: 120 }} />
          <Input aria-label="文号" value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} placeholder="文号或会议纪要编号" style={{ width: 200 }} maxLength={60} />
          <Input aria-label="审批备注" value={note} onChange={(e) => setNote(e.target.value)} placeholder="备注（可不填）" style={{ width: 180 }} maxLength={200} />
          <Button loading={busy} onClick={() => void record()}>
            登记审批
          </Button>
        </Space>
      )}
      {draft && canApprove && view.lines.length > 0 && view.missingStages.length === 0 && (
        <Button type="primary" style={{ marginTop: 12 }} onClick={onApprove}>
          批准
        </Button>
      )}
    </div>
  );
}

function AdjustModal({ open, year, onClose, onDone }: { open: boolean; year: number; onClose: () => void; onDone: (v: BudgetView) => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const v = await call('budget.startAdjustment', { year, reason });
      message.success(`已建立${v.label}草稿。`);
      setReason('');
      onDone(v);
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`${year}年度预算调整`} open={open} onCancel={onClose} onOk={() => void submit()} okText="开始调整" confirmLoading={busy} destroyOnHidden>
      <p>调整预算须重新经过审批；调整草稿以现行预算为起点。</p>
      <Input.TextArea aria-label="调整原因" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={3} placeholder="如：上级补助增加，增列送温暖项目" />
    </Modal>
  );
}
