// One expense request: the form (type, purpose, account, amount, payee, payment method, fund
// source, budget line, the type's own fields, recipients), the evidence checklist with upload,
// the collective decision, the engine's findings where they arise, the actions of the user's role
// at the request's state, and the timeline of steps and checks.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Checkbox, Input, Modal, Select, Space, Spin, Tag } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  EVIDENCE_KIND_VALUES,
  PAYMENT_METHOD_VALUES,
  SPENDING_STATUS_LABELS,
  SPENDING_TYPE_VALUES,
  type EvidenceKindValue,
  type SpendingFinding,
  type SpendingRequestDetail,
} from '@contract/spending';
import { formatYuan, parseYuan } from '@contract/money';
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT, attachmentTypeOfName } from '@contract/attachments';
import { ApiError, call } from '../../api';
import { errorMessage, isUnauthenticated } from '../../lib/errors';
import { localTime } from '../../lib/format';
import PrintExportButtons from '../../lib/PrintExportButtons';
import { useSession } from '../../layout/SessionContext';
import AccountField from '../books/AccountField';
import type { PickAccount } from '../vouchers/model';
import { MemberPicker, readBase64, useLeafAccounts } from '../members/common';
import {
  COMPETITION_TYPES,
  FESTIVAL_OPTIONS,
  FormError,
  MEETING_TYPES,
  OUTING_TYPES,
  PAYEE_KIND_LABELS,
  PERSONAL_TYPES,
  RELATION_LABELS,
  STATUS_COLOR,
  VENUE_LABELS,
  blankForm,
  formFrom,
  newKey,
  placeOf,
  toInput,
  todayIso,
  type FormState,
  type PayeeKind,
  type Place,
  type Relation,
  type RequestType,
  type Venue,
  type PaymentMethod,
} from './common';
import { FindingList, type OverrideAbility } from './Findings';

interface Refusal {
  message: string;
  rule: string | null;
}

function Field({ label, error, children, wide }: { label: string; error?: string | null; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`uls-field${wide ? ' uls-wide' : ''}`}>
      <div className="uls-label">{label}</div>
      {children}
      {error && <div className="uls-error">{error}</div>}
    </div>
  );
}

export default function RequestForm({ id, accounts, onOpen, onBack }: { id: number | null; accounts: readonly PickAccount[]; onOpen: (id: number) => void; onBack: () => void }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<SpendingRequestDetail | null>(null);
  const [form, setForm] = useState<FormState>(blankForm);
  const [loading, setLoading] = useState(id !== null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [dialog, setDialog] = useState<'review' | 'approve' | 'reject' | 'withdraw' | 'pay' | null>(null);

  const shown = useRef<number | null>(null);
  const show = useCallback((d: SpendingRequestDetail) => {
    shown.current = d.id;
    setDetail(d);
    setForm(formFrom(d));
  }, []);

  const reload = useCallback(async (rid: number) => {
    try {
      show(await call('spending.get', { requestId: rid }));
    } catch (err) {
      if (!isUnauthenticated(err)) setLoadError(errorMessage(err));
    }
  }, [show]);

  useEffect(() => {
    if (id === null || shown.current === id) return;
    setLoading(true);
    void reload(id).finally(() => setLoading(false));
  }, [id, reload]);

  const roles = user.roles;
  const status = detail?.status ?? 'draft';
  const mine = detail === null || detail.requester.userId === user.id;
  const editable = status === 'draft' && mine;
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const err = (field: string) => (fieldError && fieldError.field === field ? fieldError.message : null);

  /** Runs one action; a RULE refusal stays on screen with its rule, and the stored check is re-read. */
  const act = async (name: string, fn: () => Promise<SpendingRequestDetail | null>): Promise<boolean> => {
    setBusy(name);
    setRefusal(null);
    setFieldError(null);
    try {
      const d = await fn();
      if (d) show(d);
      return true;
    } catch (e) {
      if (e instanceof FormError) setFieldError({ field: e.field, message: e.message });
      else if (e instanceof ApiError) {
        if (e.code === 'RULE') setRefusal({ message: e.message, rule: e.data.rule ?? null });
        else if (e.field) setFieldError({ field: e.field, message: e.message });
        if (e.code !== 'RULE' && !e.field && !isUnauthenticated(e)) message.error(e.message);
        if (e.code !== 'RULE' && e.field && !isUnauthenticated(e)) message.error(e.message);
        if (detail) await reload(detail.id);
      } else message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const save = async (): Promise<SpendingRequestDetail> => {
    const d = await call('spending.save', toInput(form, detail?.id ?? null, detail?.collectiveDecision ?? null));
    if (detail === null) {
      show(d);
      onOpen(d.id);
    }
    return d;
  };
  const onSave = () => act('save', async () => {
    const d = await save();
    message.success(`已保存：禁止 ${countOf(d, 'block')} 项，提示 ${countOf(d, 'warn')} 项`);
    return d;
  });
  const onSubmit = () =>
    act('submit', async () => {
      const d = editable ? await save() : detail;
      if (!d) return null;
      show(d);
      const out = await call('spending.submit', { requestId: d.id });
      message.success('已提交，等待会计审核');
      return out;
    });

  const findings = detail?.latestCheck?.findings ?? [];
  const at = (p: Place) => findings.filter((f) => placeOf(f) === p);
  const canOverride = roles.includes('chair') && !mine && (status === 'submitted' || status === 'reviewed' || status === 'approved');
  const ov: OverrideAbility | null = detail
    ? {
        canOverride,
        onOverride: async (ruleId, reason) => {
          const ok = await act('override', async () => {
            const d = await call('spending.override', { requestId: detail.id, ruleId, reason });
            message.success(`已记录对 ${ruleId} 的接受理由`);
            return d;
          });
          if (!ok) throw new Error('override refused');
        },
      }
    : null;
  const here = (p: Place) => <FindingList findings={at(p)} ov={ov} />;

  const expenditure = useMemo(() => accounts.filter((a) => a.code.startsWith('5')), [accounts]);
  const recipientTotal = useMemo(() => {
    let s = 0;
    for (const r of form.recipients) {
      try {
        s += parseYuan(r.amount);
      } catch {
        /* shown on save */
      }
    }
    return s;
  }, [form.recipients]);

  if (loading) return <Spin />;
  if (loadError) return <Alert type="error" showIcon title={loadError} />;

  const personal = PERSONAL_TYPES.includes(form.type);
  const blocks = findings.filter((f) => f.severity === 'block').length;
  const warns = findings.filter((f) => f.severity === 'warn').length;
  const overridden = findings.filter((f) => f.severity === 'warn' && f.overridden).length;

  return (
    <div className="uls-form">
      <div className="uls-form-head">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          返回列表
        </Button>
        <h2>{detail ? `支出申请 #${detail.id}` : '新建支出申请'}</h2>
        {detail && (
          <>
            <Tag color={STATUS_COLOR[detail.status]} aria-label="申请状态">
              {SPENDING_STATUS_LABELS[detail.status]}
            </Tag>
            <span className="uls-muted">
              申请人 {detail.requester.name}
              {detail.paidOn ? `，${detail.paidOn} 支付` : ''}
            </span>
            {detail.hardshipCaseId !== null && (
              <Tag color="magenta" aria-label="关联困难职工档案">
                困难职工档案 #{detail.hardshipCaseId}
              </Tag>
            )}
            {detail.recipients.length > 0 && detail.status !== 'rejected' && detail.status !== 'withdrawn' && (
              <Space aria-label="签领表">
                <span className="uls-muted">签领表</span>
                <PrintExportButtons file={(format) => call('spending.rosterPrint', { requestId: detail.id, format })} />
              </Space>
            )}
          </>
        )}
      </div>

      {detail?.latestCheck && (
        <Alert
          className="uls-check-summary"
          type={blocks > 0 ? 'error' : warns > overridden ? 'warning' : 'success'}
          showIcon
          title={`合规检查（${stageLabel(detail.latestCheck.stage)}，规则集 ${detail.latestCheck.ruleSetVersion}，${localTime(detail.latestCheck.checkedAt)}）：禁止 ${blocks} 项，提示 ${warns} 项${overridden ? `（主席已接受 ${overridden} 项）` : ''}`}
          description={blocks > 0 ? '有禁止性问题，不能提交或支付；按各项“如何通过”修改后保存。' : warns > overridden ? '提示须由工会主席说明理由接受后才能审批和支付。' : undefined}
        />
      )}
      {here('general')}

      <section className="uls-section">
        <h3>基本信息</h3>
        <div className="uls-grid">
          <Field label="支出事项">
            <Select<RequestType> aria-label="支出事项" disabled={!editable} value={form.type} onChange={(v) => set('type', v)} options={SPENDING_TYPE_VALUES.map((t) => ({ value: t, label: t }))} style={{ width: 200 }} />
          </Field>
          {form.type === '节日慰问' && (
            <Field label="节日" error={err('details.festival')}>
              <Select<string> aria-label="节日" disabled={!editable} value={form.festival || undefined} placeholder="选择节日" onChange={(v) => set('festival', v)} options={FESTIVAL_OPTIONS.map((t) => ({ value: t, label: t }))} style={{ width: 160 }} />
            </Field>
          )}
          <Field label="支出日期" error={err('date')}>
            <Input aria-label="支出日期" readOnly={!editable} value={form.date} placeholder="YYYY-MM-DD" onChange={(e) => set('date', e.target.value)} style={{ width: 140 }} />
          </Field>
          <Field label="支出科目" error={err('accountCode')}>
            {editable ? (
              <AccountField accounts={expenditure} value={form.accountCode} onChange={(c) => set('accountCode', c)} label="支出科目" />
            ) : (
              <Input aria-label="支出科目" readOnly value={detail ? `${detail.accountCode} ${detail.accountName}` : ''} style={{ width: 260 }} />
            )}
          </Field>
          <Field label="申请金额（元）" error={err('amountFen')}>
            <Input aria-label="申请金额" className="ulm-num-input" readOnly={!editable} value={form.amount} onChange={(e) => set('amount', e.target.value)} onBlur={() => set('amount', reformat(form.amount))} style={{ width: 150 }} />
          </Field>
          <Field label="支出类型">
            <Select<'basic' | 'project'> aria-label="支出类型" disabled={!editable} value={form.expenseType} onChange={(v) => set('expenseType', v)} options={[{ value: 'basic', label: '基本支出' }, { value: 'project', label: '项目支出' }]} style={{ width: 120 }} />
          </Field>
          <Field label="用途说明" error={err('purpose')} wide>
            <Input.TextArea aria-label="用途说明" readOnly={!editable} rows={2} maxLength={500} value={form.purpose} onChange={(e) => set('purpose', e.target.value)} />
          </Field>
          <Field label="关联活动或审批依据" wide>
            <Input aria-label="关联活动或审批依据" readOnly={!editable} value={form.activityRef} onChange={(e) => set('activityRef', e.target.value)} />
          </Field>
        </div>
        {here('festival')}
        {here('purpose')}
        {here('account')}
        {here('amount')}
      </section>

      <section className="uls-section">
        <h3>收款与支付</h3>
        <div className="uls-grid">
          <Field label="收款方类型">
            <Select<PayeeKind> aria-label="收款方类型" disabled={!editable} value={form.payeeKind} onChange={(v) => set('payeeKind', v)} options={Object.entries(PAYEE_KIND_LABELS).map(([value, label]) => ({ value: value as PayeeKind, label }))} style={{ width: 140 }} />
          </Field>
          <Field label="收款方" error={err('payee.name')}>
            <Input aria-label="收款方" readOnly={!editable} value={form.payeeName} onChange={(e) => set('payeeName', e.target.value)} style={{ width: 220 }} />
          </Field>
          {form.payeeKind === 'member' && (
            <Field label="收款会员" error={err('payee.memberId')}>
              {editable ? (
                <MemberPicker label="收款会员" value={form.payeeMemberId} onChange={(m) => setForm((f) => ({ ...f, payeeMemberId: m?.id ?? null, payeeName: f.payeeName || (m ? m.label.split(/[ （]/)[1] ?? '' : '') }))} />
              ) : (
                <span>#{form.payeeMemberId}</span>
              )}
            </Field>
          )}
          <Field label="支付或发放方式" error={err('paymentMethod')}>
            <Select<PaymentMethod> aria-label="支付方式" disabled={!editable} value={form.paymentMethod} onChange={(v) => set('paymentMethod', v)} options={PAYMENT_METHOD_VALUES.map((t) => ({ value: t, label: t }))} style={{ width: 150 }} />
          </Field>
          <Field label="资金来源">
            <Select<'own' | 'upper_earmark'> aria-label="资金来源" disabled={!editable} value={form.fundSource} onChange={(v) => set('fundSource', v)} options={[{ value: 'own', label: '本级经费' }, { value: 'upper_earmark', label: '上级专项资金' }]} style={{ width: 150 }} />
          </Field>
          {form.fundSource === 'upper_earmark' && (
            <Field label="专项资金项目" error={err('details.earmarkRef')}>
              <Input aria-label="专项资金项目" readOnly={!editable} value={form.earmarkRef} onChange={(e) => set('earmarkRef', e.target.value)} style={{ width: 200 }} />
            </Field>
          )}
          <Field label="预算项目（空 = 未列入预算）" error={err('budgetRef')}>
            <Input aria-label="预算项目" readOnly={!editable} value={form.budgetRef} onChange={(e) => set('budgetRef', e.target.value)} style={{ width: 220 }} />
          </Field>
        </div>
        {here('payee')}
        {here('method')}
        {here('budget')}
      </section>

      <TypeDetails form={form} set={set} editable={editable} err={err} />
      {here('details')}

      {(personal || form.recipients.length > 0) && (
        <section className="uls-section">
          <h3>领取人（{form.recipients.length} 人，合计 {formatYuan(recipientTotal)} 元）</h3>
          <table className="uls-table">
            <thead>
              <tr>
                <th>#</th>
                <th>会员</th>
                <th>金额（元）</th>
                <th>物品</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {form.recipients.map((r, i) => {
                const mf = findings.filter((f) => f.memberId !== undefined && f.memberId === r.memberId);
                return (
                  <RecipientRowView key={r.key} i={i} editable={editable} r={r} err={err} setForm={setForm} findings={mf} ov={ov} />
                );
              })}
            </tbody>
          </table>
          {editable && (
            <Space style={{ marginTop: 8 }}>
              <Button icon={<PlusOutlined />} onClick={() => set('recipients', [...form.recipients, { key: newKey(), memberId: null, label: '', amount: '', item: form.recipients.at(-1)?.item ?? '' }])}>
                添加领取人
              </Button>
              <Button disabled={recipientTotal === 0} onClick={() => set('amount', formatYuan(recipientTotal))}>
                以合计作为申请金额
              </Button>
            </Space>
          )}
          <FindingList findings={at('recipients').filter((f) => f.memberId === undefined || !form.recipients.some((r) => r.memberId === f.memberId))} ov={ov} />
        </section>
      )}

      {detail ? (
        <EvidenceSection detail={detail} onDone={show} findings={at('evidence')} ov={ov} />
      ) : (
        <section className="uls-section">
          <h3>附件</h3>
          <p className="uls-muted">保存后列出本事项须附的单据并可上传。</p>
        </section>
      )}

      {detail && <DecisionSection detail={detail} canRecord={(roles.includes('chair') || roles.includes('accountant')) && ['draft', 'submitted', 'reviewed'].includes(status)} onDone={show} findings={at('decision')} ov={ov} />}

      {refusal && (
        <Alert
          className="uls-refusal"
          type="error"
          showIcon
          role="alert"
          title={refusal.message}
          description={refusal.rule ? `依据：${refusal.rule}` : undefined}
          closable={{ onClose: () => setRefusal(null) }}
        />
      )}
      {fieldError && <Alert type="error" showIcon title={fieldError.message} style={{ marginBottom: 8 }} />}

      <div className="uls-actions" role="group" aria-label="操作">
        {editable && (
          <>
            <Button disabled={busy !== null} onClick={() => void onSave()}>
              保存
            </Button>
            <Button type="primary" disabled={busy !== null} onClick={() => void onSubmit()}>
              提交
            </Button>
            {busy && <span className="uls-muted" role="status">正在处理…</span>}
          </>
        )}
        {detail && mine && ['draft', 'submitted', 'reviewed'].includes(status) && (
          <Button danger disabled={busy !== null} onClick={() => setDialog('withdraw')}>
            撤回
          </Button>
        )}
        {detail && status === 'submitted' && roles.includes('supervisor') && !mine && (
          <Button type="primary" disabled={busy !== null} onClick={() => setDialog('review')}>
            审核
          </Button>
        )}
        {detail && status === 'reviewed' && roles.includes('chair') && !mine && (
          <Button type="primary" disabled={busy !== null} onClick={() => setDialog('approve')}>
            审批
          </Button>
        )}
        {detail && !mine && ((status === 'submitted' && (roles.includes('supervisor') || roles.includes('chair'))) || (roles.includes('chair') && (status === 'reviewed' || status === 'approved'))) && (
          <Button danger disabled={busy !== null} onClick={() => setDialog('reject')}>
            驳回
          </Button>
        )}
        {detail && status === 'approved' && roles.includes('cashier') && (
          <Button type="primary" disabled={busy !== null} onClick={() => setDialog('pay')}>
            支付
          </Button>
        )}
        {detail?.voucherId && (
          <Button onClick={() => (window.location.hash = `#/vouchers/${detail.voucherId}`)}>打开凭证</Button>
        )}
      </div>

      {detail && dialog && dialog !== 'pay' && (
        <NoteDialog
          kind={dialog}
          onClose={() => setDialog(null)}
          onOk={async (note) => {
            const rid = detail.id;
            const ok = await act(dialog, async () => {
              if (dialog === 'review') return call('spending.review', { requestId: rid, ...(note ? { note } : {}) });
              if (dialog === 'approve') return call('spending.approve', { requestId: rid, ...(note ? { note } : {}) });
              if (dialog === 'reject') return call('spending.reject', { requestId: rid, reason: note });
              return call('spending.withdraw', { requestId: rid, ...(note ? { reason: note } : {}) });
            });
            if (ok) {
              message.success(`已${NOTE_TITLES[dialog]}`);
              setDialog(null);
            }
          }}
        />
      )}
      {detail && dialog === 'pay' && (
        <PayDialog
          detail={detail}
          onClose={() => setDialog(null)}
          onPay={async (date, code) => {
            let voucherId: number | null = null;
            const ok = await act('pay', async () => {
              const r = await call('spending.pay', { requestId: detail.id, date, bankOrCashAccountCode: code });
              voucherId = r.voucher.id;
              return r.request;
            });
            if (ok && voucherId !== null) {
              message.success('已支付，已生成记账凭证草稿');
              setDialog(null);
              window.location.hash = `#/vouchers/${voucherId}`;
            }
            return ok;
          }}
        />
      )}

      {detail && <Timeline detail={detail} />}
    </div>
  );
}

function countOf(d: SpendingRequestDetail, s: 'block' | 'warn'): number {
  return (d.latestCheck?.findings ?? []).filter((f) => f.severity === s).length;
}

function reformat(text: string): string {
  try {
    return text.trim() === '' ? '' : formatYuan(parseYuan(text));
  } catch {
    return text;
  }
}

const STAGE_LABELS = { save: '保存', submit: '提交', review: '审核', approve: '审批', pay: '支付' } as const;
function stageLabel(s: keyof typeof STAGE_LABELS): string {
  return STAGE_LABELS[s];
}

function RecipientRowView({
  i,
  r,
  editable,
  err,
  setForm,
  findings,
  ov,
}: {
  i: number;
  r: FormState['recipients'][number];
  editable: boolean;
  err: (field: string) => string | null;
  setForm: (fn: (f: FormState) => FormState) => void;
  findings: SpendingFinding[];
  ov: OverrideAbility | null;
}) {
  const patch = (p: Partial<FormState['recipients'][number]>) => setForm((f) => ({ ...f, recipients: f.recipients.map((x) => (x.key === r.key ? { ...x, ...p } : x)) }));
  return (
    <>
      <tr>
        <td>{i + 1}</td>
        <td>
          {editable ? (
            <>
              <MemberPicker label={`第${i + 1}位领取人`} value={r.memberId} onChange={(m) => patch({ memberId: m?.id ?? null, label: m?.label ?? '' })} width={300} />
              {r.label && r.memberId !== null && <div className="uls-muted">{r.label}</div>}
            </>
          ) : (
            r.label
          )}
          {(err(`recipients.${i}.memberId`)) && <div className="uls-error">{err(`recipients.${i}.memberId`)}</div>}
        </td>
        <td>
          <Input aria-label={`第${i + 1}位领取人金额`} className="ulm-num-input" readOnly={!editable} value={r.amount} onChange={(e) => patch({ amount: e.target.value })} onBlur={() => patch({ amount: reformat(r.amount) })} style={{ width: 120 }} />
          {err(`recipients.${i}.amountFen`) && <div className="uls-error">{err(`recipients.${i}.amountFen`)}</div>}
        </td>
        <td>
          <Input aria-label={`第${i + 1}位领取人物品`} readOnly={!editable} value={r.item} onChange={(e) => patch({ item: e.target.value })} style={{ width: 220 }} />
        </td>
        <td>{editable && <Button aria-label={`删除第${i + 1}位领取人`} icon={<DeleteOutlined />} onClick={() => setForm((f) => ({ ...f, recipients: f.recipients.filter((x) => x.key !== r.key) }))} />}</td>
      </tr>
      {findings.length > 0 && (
        <tr>
          <td />
          <td colSpan={4}>
            <FindingList findings={findings} ov={ov} />
          </td>
        </tr>
      )}
    </>
  );
}

function TypeDetails({ form, set, editable, err }: { form: FormState; set: <K extends keyof FormState>(k: K, v: FormState[K]) => void; editable: boolean; err: (field: string) => string | null }) {
  const t = form.type;
  const parts: ReactNode[] = [];
  if (t === '住院') {
    parts.push(
      <Field key="h" label="住院">
        <Space>
          <Checkbox disabled={!editable} checked={form.hospitalSurgery} onChange={(e) => set('hospitalSurgery', e.target.checked)}>
            手术
          </Checkbox>
          <Input aria-label="疾病" placeholder="疾病" readOnly={!editable} value={form.illness} onChange={(e) => set('illness', e.target.value)} style={{ width: 180 }} />
        </Space>
      </Field>,
    );
  }
  if (t === '会员或直系亲属去世') {
    parts.push(
      <Field key="d" label="去世者与会员关系">
        <Select<Relation> aria-label="去世者与会员关系" disabled={!editable} value={form.deathRelation} onChange={(v) => set('deathRelation', v)} options={Object.entries(RELATION_LABELS).map(([value, label]) => ({ value: value as Relation, label }))} style={{ width: 180 }} />
      </Field>,
    );
  }
  if (OUTING_TYPES.includes(t)) {
    parts.push(
      <Field key="od" label="活动天数" error={err('outingDays')}>
        <Input aria-label="活动天数" readOnly={!editable} value={form.outingDays} onChange={(e) => set('outingDays', e.target.value)} style={{ width: 80 }} />
      </Field>,
      <Field key="ode" label="目的地">
        <Input aria-label="目的地" readOnly={!editable} value={form.destination} onChange={(e) => set('destination', e.target.value)} style={{ width: 200 }} />
      </Field>,
      <Field key="ot" label="经费弥补部分（元）" error={err('topUp')}>
        <Input aria-label="经费弥补部分" className="ulm-num-input" readOnly={!editable} value={form.topUp} onChange={(e) => set('topUp', e.target.value)} style={{ width: 130 }} />
      </Field>,
      <Field key="om" label="餐费标准（元/人·天）" error={err('mealPerDay')}>
        <Input aria-label="餐费标准" className="ulm-num-input" readOnly={!editable} value={form.mealPerDay} onChange={(e) => set('mealPerDay', e.target.value)} style={{ width: 120 }} />
      </Field>,
      <Field key="ob" label="景区">
        <Checkbox disabled={!editable} checked={form.bannedScenicArea} onChange={(e) => set('bannedScenicArea', e.target.checked)}>
          属禁止前往的景区或场所
        </Checkbox>
      </Field>,
    );
  }
  if (COMPETITION_TYPES.includes(t)) {
    parts.push(
      <Field key="cp" label="参加人数" error={err('participants')}>
        <Input aria-label="参加人数" readOnly={!editable} value={form.participants} onChange={(e) => set('participants', e.target.value)} style={{ width: 100 }} />
      </Field>,
      <Field key="ct" label="奖项设置" wide>
        <table className="uls-table">
          <thead>
            <tr>
              <th>奖项</th>
              <th>获奖人数</th>
              <th>每份金额（元）</th>
              <th>团体</th>
              <th>人人有份的纪念品</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {form.tiers.map((x, i) => {
              const patch = (p: Partial<FormState['tiers'][number]>) => set('tiers', form.tiers.map((y) => (y.key === x.key ? { ...y, ...p } : y)));
              return (
                <tr key={x.key}>
                  <td>
                    <Input aria-label={`第${i + 1}个奖项名称`} readOnly={!editable} value={x.name} onChange={(e) => patch({ name: e.target.value })} style={{ width: 110 }} />
                  </td>
                  <td>
                    <Input aria-label={`第${i + 1}个奖项获奖人数`} readOnly={!editable} value={x.winners} onChange={(e) => patch({ winners: e.target.value })} style={{ width: 80 }} />
                    {err(`tiers.${i}.winners`) && <div className="uls-error">{err(`tiers.${i}.winners`)}</div>}
                  </td>
                  <td>
                    <Input aria-label={`第${i + 1}个奖项每份金额`} className="ulm-num-input" readOnly={!editable} value={x.amountEach} onChange={(e) => patch({ amountEach: e.target.value })} style={{ width: 110 }} />
                    {err(`tiers.${i}.amountEach`) && <div className="uls-error">{err(`tiers.${i}.amountEach`)}</div>}
                  </td>
                  <td>
                    <Checkbox disabled={!editable} checked={x.team} onChange={(e) => patch({ team: e.target.checked })} />
                  </td>
                  <td>
                    <Checkbox disabled={!editable} checked={x.souvenir} onChange={(e) => patch({ souvenir: e.target.checked })} />
                  </td>
                  <td>{editable && <Button aria-label={`删除第${i + 1}个奖项`} icon={<DeleteOutlined />} onClick={() => set('tiers', form.tiers.filter((y) => y.key !== x.key))} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => set('tiers', [...form.tiers, { key: newKey(), name: '', winners: '', amountEach: '', team: false, souvenir: false }])}>
            添加奖项
          </Button>
        )}
      </Field>,
    );
  }
  if (MEETING_TYPES.includes(t)) {
    parts.push(
      <Field key="mm" label="用餐">
        <Checkbox disabled={!editable} checked={form.meetingMeals} onChange={(e) => set('meetingMeals', e.target.checked)}>
          安排用餐
        </Checkbox>
      </Field>,
    );
  }
  if (MEETING_TYPES.includes(t) || t === '文体活动') {
    parts.push(
      <Field key="mv" label="场所">
        <Select<Venue> aria-label="场所" disabled={!editable} value={form.venueClass} onChange={(v) => set('venueClass', v)} options={Object.entries(VENUE_LABELS).map(([value, label]) => ({ value: value as Venue, label }))} style={{ width: 160 }} />
      </Field>,
    );
  }
  if (t === '疗休养') {
    parts.push(
      <Field key="rd" label="疗休养天数" error={err('restDays')}>
        <Input aria-label="疗休养天数" readOnly={!editable} value={form.restDays} onChange={(e) => set('restDays', e.target.value)} style={{ width: 80 }} />
      </Field>,
      <Field key="rp" label="参加人数" error={err('restParticipants')}>
        <Input aria-label="疗休养参加人数" readOnly={!editable} value={form.restParticipants} onChange={(e) => set('restParticipants', e.target.value)} style={{ width: 80 }} />
      </Field>,
      <Field key="ro" label="其他">
        <Space>
          <Checkbox disabled={!editable} checked={form.restOutside} onChange={(e) => set('restOutside', e.target.checked)}>
            省外
          </Checkbox>
          <Checkbox disabled={!editable} checked={form.restInsured} onChange={(e) => set('restInsured', e.target.checked)}>
            已投保
          </Checkbox>
        </Space>
      </Field>,
    );
  }
  if (parts.length === 0) return null;
  return (
    <section className="uls-section">
      <h3>{t}明细</h3>
      <div className="uls-grid">{parts}</div>
    </section>
  );
}

function EvidenceSection({ detail, onDone, findings, ov }: { detail: SpendingRequestDetail; onDone: (d: SpendingRequestDetail) => void; findings: SpendingFinding[]; ov: OverrideAbility | null }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [otherKind, setOtherKind] = useState<EvidenceKindValue>('发票');
  const { user } = useSession();
  // The 经审委员 reads requests and their evidence but attaches nothing (CHK-SOD-3; the core refuses too).
  const open = ['draft', 'submitted', 'reviewed', 'approved'].includes(detail.status) && user.roles.some((r) => r !== 'reviewer');
  const kinds: EvidenceKindValue[] = [...detail.requiredEvidence];
  for (const e of detail.evidence) if (!kinds.includes(e.kind)) kinds.push(e.kind);
  const upload = async (kind: EvidenceKindValue, file: File | undefined) => {
    if (!file) return;
    const mimeType = attachmentTypeOfName(file.name);
    if (!mimeType) {
      message.error(`只接受${ATTACHMENT_TYPES_TEXT}`);
      return;
    }
    setBusy(kind);
    try {
      const d = await call('spending.attach', { requestId: detail.id, kind, filename: file.name, mimeType, base64: await readBase64(file) });
      onDone(d);
      message.success(`已上传${kind}：${file.name}`);
    } catch (e) {
      if (!isUnauthenticated(e)) message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const picker = (kind: EvidenceKindValue, text: string, label = `上传${kind}`) => (
    <label className={`ant-btn ant-btn-default ant-btn-sm uls-upload${busy ? ' uls-disabled' : ''}`}>
      {busy === kind ? '正在上传…' : text}
      <input
        type="file"
        aria-label={label}
        accept={ATTACHMENT_ACCEPT}
        disabled={busy !== null}
        style={{ display: 'none' }}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          void upload(kind, f);
        }}
      />
    </label>
  );
  return (
    <section className="uls-section">
      <h3>附件清单</h3>
      {kinds.length === 0 && <p className="uls-muted">本事项暂无必须附的单据。</p>}
      <table className="uls-table">
        <tbody>
          {kinds.map((k) => {
            const files = detail.evidence.filter((e) => e.kind === k);
            const required = detail.requiredEvidence.includes(k);
            return (
              <tr key={k} data-kind={k}>
                <td>{k}</td>
                <td>{files.length > 0 ? <Tag color="green">已上传 {files.length} 份</Tag> : required ? <Tag color="orange">缺</Tag> : <Tag>选附</Tag>}</td>
                <td>
                  {files.map((f) => (
                    <div key={f.id} className="uls-muted">
                      {f.filename}（{f.pages} 页，{f.addedBy}，{localTime(f.addedAt)}）
                    </div>
                  ))}
                </td>
                <td>{open && picker(k, '上传')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {open && (
        <Space style={{ marginTop: 8 }}>
          <span>其他附件：</span>
          <Select<EvidenceKindValue> aria-label="附件类型" value={otherKind} onChange={setOtherKind} options={EVIDENCE_KIND_VALUES.map((k) => ({ value: k, label: k }))} style={{ width: 140 }} />
          {picker(otherKind, '选择文件上传', '上传其他附件')}
        </Space>
      )}
      <FindingList findings={findings} ov={ov} />
    </section>
  );
}

function DecisionSection({ detail, canRecord, onDone, findings, ov }: { detail: SpendingRequestDetail; canRecord: boolean; onDone: (d: SpendingRequestDetail) => void; findings: SpendingFinding[]; ov: OverrideAbility | null }) {
  const { message } = App.useApp();
  const d = detail.collectiveDecision;
  const [editing, setEditing] = useState(false);
  const [minutesNo, setMinutesNo] = useState(d?.minutesNo ?? '');
  const [date, setDate] = useState(d?.date ?? todayIso());
  const [attendees, setAttendees] = useState(d?.attendees !== null && d?.attendees !== undefined ? String(d.attendees) : '');
  const [votesFor, setVotesFor] = useState(d?.votesFor !== null && d?.votesFor !== undefined ? String(d.votesFor) : '');
  const [sha, setSha] = useState<string | null>(d?.attachmentSha256 ?? null);
  const [busy, setBusy] = useState(false);
  const minutesFiles = detail.evidence.filter((e) => e.kind === '会议纪要');
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const record = async () => {
    setBusy(true);
    try {
      const out = await call('spending.recordDecision', {
        requestId: detail.id,
        decision: { minutesNo: minutesNo.trim(), date, ...(num(attendees) !== undefined ? { attendees: num(attendees) } : {}), ...(num(votesFor) !== undefined ? { votesFor: num(votesFor) } : {}), ...(sha ? { attachmentSha256: sha } : {}) },
      });
      onDone(out);
      setEditing(false);
      message.success('已登记集体研究决定');
    } catch (e) {
      if (!isUnauthenticated(e)) message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (!d && !canRecord && findings.length === 0) return null;
  return (
    <section className="uls-section">
      <h3>集体研究决定</h3>
      {d && !editing && (
        <p>
          会议纪要 {d.minutesNo}，{d.date}
          {d.attendees !== null ? `，出席 ${d.attendees} 人` : ''}
          {d.votesFor !== null ? `，赞成 ${d.votesFor} 票` : ''}
          {d.attachmentSha256 ? '，纪要已附' : '，纪要未附'}
        </p>
      )}
      {!d && !editing && <p className="uls-muted">未登记。超过重大支出标准的支出须经工会委员会集体研究。</p>}
      {canRecord && !editing && (
        <Button size="small" onClick={() => setEditing(true)}>
          {d ? '修改集体研究记录' : '登记集体研究'}
        </Button>
      )}
      {editing && (
        <Space wrap>
          <Input aria-label="会议纪要编号" placeholder="如 工委〔2026〕3号" value={minutesNo} onChange={(e) => setMinutesNo(e.target.value)} style={{ width: 180 }} />
          <Input aria-label="会议日期" placeholder="YYYY-MM-DD" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 130 }} />
          <Input aria-label="出席人数" placeholder="出席人数" value={attendees} onChange={(e) => setAttendees(e.target.value)} style={{ width: 90 }} />
          <Input aria-label="赞成票数" placeholder="赞成票数" value={votesFor} onChange={(e) => setVotesFor(e.target.value)} style={{ width: 90 }} />
          <Select<string>
            aria-label="会议纪要附件"
            allowClear
            placeholder={minutesFiles.length ? '选择已上传的会议纪要' : '先在附件中上传“会议纪要”'}
            value={sha ?? undefined}
            onChange={(v) => setSha(v ?? null)}
            options={minutesFiles.map((f) => ({ value: f.sha256, label: f.filename }))}
            style={{ width: 220 }}
          />
          <Button type="primary" loading={busy} onClick={() => void record()}>
            登记
          </Button>
          <Button onClick={() => setEditing(false)}>取消</Button>
        </Space>
      )}
      <FindingList findings={findings} ov={ov} />
    </section>
  );
}

const NOTE_TITLES = { review: '审核', approve: '审批', reject: '驳回', withdraw: '撤回' } as const;

function NoteDialog({ kind, onClose, onOk }: { kind: keyof typeof NOTE_TITLES; onClose: () => void; onOk: (note: string) => Promise<void> }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = kind === 'reject' ? '驳回理由' : kind === 'withdraw' ? '撤回原因' : `${NOTE_TITLES[kind]}意见`;
  const ok = async () => {
    if (kind === 'reject' && note.trim().length < 2) {
      setError('请填写驳回理由');
      return;
    }
    setBusy(true);
    try {
      await onOk(note.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${NOTE_TITLES[kind]}支出申请`} okText={NOTE_TITLES[kind]} cancelText="取消" onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} destroyOnHidden>
      <div className="uls-label">
        {label}
        {kind === 'reject' ? '' : '（可不填）'}
      </div>
      <Input.TextArea aria-label={label} rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      {error && <div className="uls-error">{error}</div>}
    </Modal>
  );
}

function PayDialog({ detail, onClose, onPay }: { detail: SpendingRequestDetail; onClose: () => void; onPay: (date: string, code: string) => Promise<boolean> }) {
  const money = useLeafAccounts(['101', '102']);
  const [date, setDate] = useState(todayIso());
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const wanted = detail.paymentMethod === '现金' ? '101' : '102';
  const chosen = code ?? money.find((a) => a.code.startsWith(wanted))?.code ?? null;
  return (
    <Modal
      open
      title="出纳支付"
      okText="支付并生成凭证"
      cancelText="取消"
      onCancel={onClose}
      okButtonProps={{ disabled: !chosen }}
      confirmLoading={busy}
      onOk={() => {
        if (!chosen) return;
        setBusy(true);
        void onPay(date, chosen).finally(() => setBusy(false));
      }}
      destroyOnHidden
    >
      <p>
        {detail.type}：{detail.purpose}，{formatYuan(detail.amountFen)} 元，支付方式 {detail.paymentMethod}，收款方 {detail.payee.name}
      </p>
      <div className="uls-grid">
        <Field label="支付日期">
          <Input aria-label="支付日期" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 140 }} />
        </Field>
        <Field label="付款科目">
          <Select<string> aria-label="付款科目" value={chosen ?? undefined} onChange={setCode} options={money.map((a) => ({ value: a.code, label: `${a.code} ${a.fullName}` }))} style={{ width: 240 }} />
        </Field>
      </div>
      <p className="uls-muted">
        生成借 {detail.accountCode} {detail.accountName}、贷付款科目的记账凭证草稿，附本申请的附件，再按凭证流程审核、记账。
      </p>
    </Modal>
  );
}

function Timeline({ detail }: { detail: SpendingRequestDetail }) {
  type Ev = { at: string; key: string; node: ReactNode };
  const evs: Ev[] = [
    ...detail.steps.map((s, i) => ({
      at: s.at,
      key: `s${i}`,
      node: (
        <>
          <strong>{s.label}</strong> {s.user}
          {s.fromStatus && s.fromStatus !== s.toStatus ? `（${SPENDING_STATUS_LABELS[s.fromStatus]} → ${SPENDING_STATUS_LABELS[s.toStatus]}）` : ''}
          {s.note ? `：${s.note}` : ''}
        </>
      ),
    })),
    ...detail.checks.map((c) => ({
      at: c.checkedAt,
      key: `c${c.id}`,
      node: (
        <span className="uls-muted">
          合规检查（{stageLabel(c.stage)}，{c.ruleSetVersion}）：禁止 {c.findings.filter((f) => f.severity === 'block').length} 项，提示 {c.findings.filter((f) => f.severity === 'warn').length} 项
          {c.findings.length > 0 ? `（${[...new Set(c.findings.map((f) => f.rule))].join('、')}）` : ''}
          {c.blocked ? '，未通过' : ''}
        </span>
      ),
    })),
    ...detail.overrides.map((o, i) => ({
      at: o.at,
      key: `o${i}`,
      node: (
        <>
          <strong>主席接受提示 {o.rule}</strong> {o.user}：{o.reason}
        </>
      ),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="uls-section" aria-label="审批记录">
      <h3>审批记录</h3>
      <ol className="uls-timeline">
        {evs.map((e) => (
          <li key={e.key}>
            <span className="uls-time">{localTime(e.at)}</span> {e.node}
          </li>
        ))}
      </ol>
    </section>
  );
}
