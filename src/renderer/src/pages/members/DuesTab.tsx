// 会费, one month at a time: 缴费基数 (entered or imported from the payroll .xlsx), the monthly run
// (计算本月会费 and its lines), collection by payroll deduction (one draft voucher for the list) or
// in cash (a numbered 会费收据 and its draft voucher), and the effective-dated 缴费标准.
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CalculatorOutlined, DollarOutlined, PrinterOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  DUES_ROUNDING,
  type CashCollection,
  type DuesAssessmentRow,
  type DuesLineState,
  type DuesRule,
  type DuesRounding,
  type DuesRunResult,
  type MissingBase,
  type PayrollCollection,
  type WageImportError,
  type WageImportPreview,
  type WageRow,
} from '@contract/dues';
import type { Finding } from '@contract/op';
import { formatYuan, MoneyError, parseYuan } from '@contract/money';
import { ApiError, call } from '../../api';
import { errorMessage, isValidationReject, reportError, showFieldError } from '../../lib/errors';
import { MonthPicker, thisMonth } from '../books/common';
import { voucherNo } from '../vouchers/model';
import { openFile } from '../vouchers/print';
import { Busy, LINE_STATE_LABEL, LineStateTag, MemberPicker, readBase64, Section, useData, useLeafAccounts, Yuan, type PickedMember } from './common';

type Sub = 'wages' | 'run' | 'rules';

export default function DuesTab({ canWrite }: { canWrite: boolean }) {
  const [month, setMonth] = useState(thisMonth());
  const [sub, setSub] = useState<Sub>('run');
  return (
    <div>
      <div className="ulm-toolbar">
        <Space>
          <span>会费月份</span>
          <MonthPicker label="会费月份" value={month} onChange={setMonth} />
        </Space>
      </div>
      <Tabs
        type="card"
        size="small"
        activeKey={sub}
        onChange={(k) => setSub(k === 'wages' || k === 'rules' ? k : 'run')}
        destroyOnHidden
        items={[
          { key: 'run', label: '月度会费与收缴', children: <RunSection month={month} canWrite={canWrite} /> },
          { key: 'wages', label: '缴费基数', children: <WagesSection month={month} canWrite={canWrite} /> },
          { key: 'rules', label: '缴费标准', children: <RulesSection canWrite={canWrite} /> },
        ]}
      />
    </div>
  );
}

// ---------- 缴费基数 ----------

function WagesSection({ month, canWrite }: { month: string; canWrite: boolean }) {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useData(() => call('dues.wages.list', { month }), [month]);
  const [edits, setEdits] = useState<Map<number, string>>(new Map());
  const [bad, setBad] = useState<Map<number, string>>(new Map());
  const [filter, setFilter] = useState('');
  const [saving, setSaving] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  const rows = useMemo(() => {
    const q = filter.trim();
    return (data ?? []).filter((r) => !q || r.name.includes(q) || r.employeeNo.includes(q) || r.groupName.includes(q));
  }, [data, filter]);
  const missing = (data ?? []).filter((r) => r.baseFen === null).length;

  const save = async () => {
    const out: { memberId: number; baseFen: number }[] = [];
    const errs = new Map<number, string>();
    for (const [memberId, text] of edits) {
      if (text.trim() === '') continue;
      try {
        const fen = parseYuan(text, '会费基数');
        if (fen < 0) errs.set(memberId, '会费基数不能为负');
        else out.push({ memberId, baseFen: fen });
      } catch (err) {
        errs.set(memberId, err instanceof MoneyError ? err.message : '不是有效的金额');
      }
    }
    setBad(errs);
    if (errs.size > 0) {
      message.error(`有 ${errs.size} 个基数填写有误，请改正后再保存`);
      return;
    }
    if (out.length === 0) {
      message.info('没有修改');
      return;
    }
    setSaving(true);
    try {
      const r = await call('dues.wages.save', { month, rows: out });
      message.success(`已保存 ${r.saved} 名会员 ${month} 的会费基数`);
      setEdits(new Map());
      reload();
    } catch (err) {
      reportError(message, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section
      title={`${month} 缴费基数`}
      extra={
        canWrite && (
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              导入工资表…
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={edits.size === 0} onClick={() => void save()}>
              保存基数{edits.size ? `（${edits.size}）` : ''}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        会费基数是会员的月基本工资；奖金、津贴、补贴等不计交会费（工发[1978]101号 第四项）。计算时先去掉不足 10 元的尾数，再按 0.5% 计算。
        {data && ` 在职会员 ${data.length} 人，其中 ${missing} 人尚无本月基数。`}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Input.Search aria-label="查找会员" placeholder="姓名、工号或小组" allowClear value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 240, marginBottom: 8 }} />
      <Table<WageRow>
        aria-label="缴费基数"
        size="small"
        rowKey="memberId"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
        columns={[
          { title: '工号', dataIndex: 'employeeNo', width: 100 },
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '工会小组', dataIndex: 'groupName', width: 110 },
          {
            title: '会费基数（元）',
            dataIndex: 'baseFen',
            width: 200,
            align: 'right',
            render: (fen: number | null, r) =>
              canWrite ? (
                <div>
                  <Input
                    aria-label={`${r.employeeNo} ${r.name} 会费基数`}
                    className="ulm-num-input"
                    status={bad.has(r.memberId) ? 'error' : undefined}
                    value={edits.get(r.memberId) ?? (fen === null ? '' : formatYuan(fen))}
                    placeholder="未录入"
                    onChange={(e) => {
                      const next = new Map(edits);
                      next.set(r.memberId, e.target.value);
                      setEdits(next);
                    }}
                  />
                  {bad.has(r.memberId) && <div className="ulm-field-error">{bad.get(r.memberId)}</div>}
                </div>
              ) : fen === null ? (
                <span className="ulm-muted">未录入</span>
              ) : (
                <Yuan fen={fen} />
              ),
          },
          { title: '来源', dataIndex: 'source', width: 120, render: (s: string | null) => s ?? '' },
          { title: '', dataIndex: 'noFixedIncome', render: (n: boolean) => (n ? <Tag>无固定收入·按上月</Tag> : null) },
        ]}
      />
      <WageImportModal month={month} open={importOpen} onClose={() => setImportOpen(false)} onDone={() => reload()} />
    </Section>
  );
}

function WageImportModal({ month, open, onClose, onDone }: { month: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [file, setFile] = useState<{ filename: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<WageImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    onClose();
  };
  const choose = async (f: File) => {
    setPreview(null);
    setError(null);
    setBusy('正在解析…');
    try {
      const base64 = await readBase64(f);
      setFile({ filename: f.name, base64 });
      setPreview(await call('dues.wages.importPreview', { month, filename: f.name, base64 }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };
  const commit = async () => {
    if (!file) return;
    setBusy('正在导入…');
    try {
      const r = await call('dues.wages.importCommit', { month, ...file });
      message.success(`已导入 ${r.saved} 名会员 ${month} 的会费基数`);
      onDone();
      close();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      title={`导入 ${month} 工资表`}
      open={open}
      onCancel={close}
      width={820}
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" disabled={!preview?.ok || busy !== null} onClick={() => void commit()}>
            导入
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        工资表（.xlsx）第一行为表头，需有“工号”列；按缴费标准中“计入会费基数的工资项目”求和作为基数，奖金、津贴等列不计入。整张表没有错误才会导入。
      </Typography.Paragraph>
      <input ref={input} type="file" accept=".xlsx" aria-label="选择工资表" style={{ display: 'none' }} onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} />
      <Space>
        <Button icon={<UploadOutlined />} disabled={busy !== null} onClick={() => input.current?.click()}>
          选择工资表…
        </Button>
        {file && <span>{file.filename}</span>}
      </Space>
      {busy && <Busy text={busy} />}
      {error && <Alert type="error" showIcon className="ulm-gap" title={error} />}
      {preview && (
        <div className="ulm-gap">
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label="计入基数">{preview.countedItems.join('、')}</Descriptions.Item>
            <Descriptions.Item label="不计入">{preview.ignoredItems.join('、') || '无'}</Descriptions.Item>
            <Descriptions.Item label="适用标准">{preview.ruleFrom} 起</Descriptions.Item>
            <Descriptions.Item label="会员">{preview.rows.length} 人</Descriptions.Item>
            <Descriptions.Item label="基数合计">{formatYuan(preview.totalBaseFen)} 元</Descriptions.Item>
          </Descriptions>
          {preview.errors.length > 0 ? (
            <>
              <Alert type="error" showIcon className="ulm-gap" title={`发现 ${preview.errors.length} 个问题，整张工资表不能导入`} />
              <Table<WageImportError & { key: number }>
                aria-label="工资表问题"
                size="small"
                pagination={false}
                scroll={{ y: 260 }}
                dataSource={preview.errors.map((e, i) => ({ ...e, key: i }))}
                columns={[
                  { title: '行', dataIndex: 'row', width: 70, render: (r: number) => (r === 0 ? '整个文件' : r) },
                  { title: '列', dataIndex: 'column', width: 120, render: (c: string | null) => c ?? '' },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <Alert type="success" showIcon className="ulm-gap" title="检查通过，可以导入" />
          )}
        </div>
      )}
    </Modal>
  );
}

// ---------- 月度会费与收缴 ----------

const STATE_FILTERS: DuesLineState[] = ['unpaid', 'pending', 'paid', 'partial', 'exempt'];

function RunSection({ month, canWrite }: { month: string; canWrite: boolean }) {
  const { message } = App.useApp();
  const { data: lines, error, loading, reload } = useData(() => call('dues.run.list', { month }), [month]);
  const [result, setResult] = useState<DuesRunResult | null>(null);
  const [computing, setComputing] = useState(false);
  const [state, setState] = useState<DuesLineState | null>(null);
  const [payrollOpen, setPayrollOpen] = useState(false);
  const [cashOpen, setCashOpen] = useState(false);

  const compute = async () => {
    setComputing(true);
    setResult(null);
    try {
      setResult(await call('dues.run.compute', { month }));
      reload();
    } catch (err) {
      reportError(message, err);
    } finally {
      setComputing(false);
    }
  };

  const shown = (lines ?? []).filter((l) => !state || l.state === state);
  const totals = (lines ?? []).reduce((t, l) => ({ due: t.due + l.dueFen, paid: t.paid + l.paidFen, pending: t.pending + l.pendingFen }), { due: 0, paid: 0, pending: 0 });
  return (
    <div>
      {canWrite && (
        <div className="ulm-actions">
          <Button type="primary" icon={<CalculatorOutlined />} loading={computing} onClick={() => void compute()}>
            计算本月会费
          </Button>
          <Button icon={<DollarOutlined />} disabled={!lines?.length} onClick={() => setPayrollOpen(true)}>
            工资代扣收缴…
          </Button>
          <Button icon={<DollarOutlined />} onClick={() => setCashOpen(true)}>
            现金收缴…
          </Button>
        </div>
      )}
      {computing && <Busy text="正在计算…" />}
      {result && <RunResultView r={result} />}
      {error && <Alert type="error" showIcon title={error} />}
      <Section
        title={`${month} 会费清单`}
        extra={
          <Select
            aria-label="缴费状态"
            allowClear
            placeholder="全部状态"
            value={state ?? undefined}
            onChange={(v: DuesLineState | undefined) => setState(v ?? null)}
            options={STATE_FILTERS.map((s) => ({ value: s, label: LINE_STATE_LABEL[s] }))}
            style={{ width: 130 }}
          />
        }
      >
        {lines && lines.length === 0 && <Alert type="info" showIcon title="本月尚未计算会费。先录入缴费基数，再点“计算本月会费”。" />}
        <Table<DuesAssessmentRow>
          aria-label="会费清单"
          size="small"
          rowKey="memberId"
          loading={loading}
          dataSource={shown}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
          columns={[
            { title: '工号', dataIndex: 'employeeNo', width: 90 },
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '工会小组', dataIndex: 'groupName', width: 100 },
            { title: '基数', dataIndex: 'baseFen', align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
            { title: '应缴', dataIndex: 'dueFen', align: 'right', render: (f: number) => <Yuan fen={f} /> },
            { title: '已缴', dataIndex: 'paidFen', align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
            { title: '待记账', dataIndex: 'pendingFen', align: 'right', render: (f: number) => <Yuan fen={f} blankZero /> },
            {
              title: '状态',
              dataIndex: 'state',
              width: 170,
              render: (s: DuesLineState, r) => (
                <span>
                  <LineStateTag state={s} />
                  {r.exemptReason && <span className="ulm-muted">{r.exemptReason}</span>}
                </span>
              ),
            },
          ]}
          summary={() =>
            lines && lines.length > 0 ? (
              <Table.Summary.Row className="ulm-total">
                <Table.Summary.Cell index={0} colSpan={4}>
                  合计（{lines.length} 人）
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <Yuan fen={totals.due} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Yuan fen={totals.paid} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <Yuan fen={totals.pending} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Section>
      <PayrollModal month={month} open={payrollOpen} lines={lines ?? []} onClose={() => setPayrollOpen(false)} onDone={reload} />
      <CashModal month={month} open={cashOpen} onClose={() => setCashOpen(false)} onDone={reload} />
    </div>
  );
}

function RunResultView({ r }: { r: DuesRunResult }) {
  return (
    <div className="ulm-result" aria-label="计算结果">
      <Alert type="success" showIcon title={`${r.month} 会费已计算：应缴合计 ${formatYuan(r.totalDueFen)} 元（适用 ${r.ruleFrom} 起的缴费标准）`} />
      <Descriptions size="small" bordered column={4} className="ulm-gap">
        <Descriptions.Item label="计算人数">{r.assessed}</Descriptions.Item>
        <Descriptions.Item label="保留会籍免缴">{r.exempt}</Descriptions.Item>
        <Descriptions.Item label="学徒工定额">{r.apprentices}</Descriptions.Item>
        <Descriptions.Item label="按上月工资">{r.previousMonthBase}</Descriptions.Item>
        <Descriptions.Item label="已有缴款未重算">{r.keptPaid}</Descriptions.Item>
        <Descriptions.Item label="调出/退会不计">{r.notMembers}</Descriptions.Item>
        <Descriptions.Item label="缺少基数">{r.missing.length}</Descriptions.Item>
        <Descriptions.Item label="应缴合计">{formatYuan(r.totalDueFen)}</Descriptions.Item>
      </Descriptions>
      {r.missing.length > 0 && (
        <div className="ulm-gap">
          <Alert type="warning" showIcon title={`${r.missing.length} 名在职会员没有本月缴费基数，未计算会费（不会按零处理）。请在“缴费基数”中补录后重新计算。`} />
          <Table<MissingBase>
            aria-label="缺少基数的会员"
            size="small"
            rowKey="memberId"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={r.missing}
            columns={[
              { title: '工号', dataIndex: 'employeeNo', width: 100 },
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '工会小组', dataIndex: 'groupName', width: 110 },
              { title: '原因', dataIndex: 'reason' },
            ]}
          />
        </div>
      )}
    </div>
  );
}

function defaultDate(month: string): string {
  const today = dayjs().format('YYYY-MM-DD');
  return today.startsWith(month) ? today : dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD');
}

function openVoucher(id: number) {
  window.location.hash = `#/vouchers/${id}`;
}

function PayrollModal({ month, open, lines, onClose, onDone }: { month: string; open: boolean; lines: DuesAssessmentRow[]; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const banks = useLeafAccounts(['102']);
  const [bank, setBank] = useState<string | null>(null);
  const [date, setDate] = useState(defaultDate(month));
  const [exclude, setExclude] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PayrollCollection | null>(null);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const outstanding = lines.filter((l) => l.state === 'unpaid' || l.state === 'partial');
  const bankCode = bank ?? banks[0]?.code ?? null;
  const excluded = new Set(exclude);
  const total = outstanding.filter((l) => !excluded.has(l.memberId)).reduce((s, l) => s + l.dueFen - l.paidFen - l.pendingFen, 0);

  const close = () => {
    setDone(null);
    setExclude([]);
    setFieldError(null);
    onClose();
  };
  const submit = async () => {
    if (!bankCode) return;
    setBusy(true);
    setFieldError(null);
    try {
      const r = await call('dues.run.collectPayroll', { month, date, bankAccountCode: bankCode, excludeMemberIds: exclude });
      setDone(r);
      onDone();
    } catch (err) {
      const m = errorMessage(err);
      const f = err instanceof ApiError ? (err.field ?? null) : null;
      if (f) setFieldError({ field: f, message: m });
      else reportError(message, err);
    } finally {
      setBusy(false);
    }
  };
  const errFor = (f: string) => (fieldError?.field === f ? fieldError.message : undefined);

  return (
    <Modal
      title={`工资代扣收缴 ${month} 会费`}
      open={open}
      onCancel={close}
      width={640}
      footer={
        done ? (
          <Space>
            <Button onClick={close}>关闭</Button>
            <Button type="primary" onClick={() => openVoucher(done.voucher.id)}>
              打开凭证
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={busy} disabled={!bankCode || outstanding.length === excluded.size} onClick={() => void submit()}>
              生成收款凭证
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          title={`已生成草稿凭证（${voucherNo(done.voucher)}，${done.voucher.date}）：${done.members} 名会员，合计 ${formatYuan(done.totalFen)} 元`}
          description="借 银行存款、贷 401 会费收入。凭证经审核、出纳确认并记账后，这些会员的会费才算已缴。"
        />
      ) : (
        <Form layout="vertical">
          <Typography.Paragraph type="secondary">
            为本月尚未缴纳的 {outstanding.length} 名会员一次生成一张收款凭证（借 银行存款，贷 401 会费收入·非专项）。本月改交现金等的会员请排除。
          </Typography.Paragraph>
          <Form.Item label="入账日期" validateStatus={errFor('date') ? 'error' : undefined} help={errFor('date')}>
            <Input aria-label="入账日期" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="银行存款科目" validateStatus={errFor('bankAccountCode') ? 'error' : undefined} help={errFor('bankAccountCode')}>
            <Select aria-label="银行存款科目" value={bankCode ?? undefined} onChange={(v: string) => setBank(v)} options={banks.map((a) => ({ value: a.code, label: `${a.code} ${a.fullName}` }))} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item label="不代扣的会员（可选）">
            <Select
              aria-label="不代扣的会员"
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={exclude}
              onChange={(v: number[]) => setExclude(v)}
              options={outstanding.map((l) => ({ value: l.memberId, label: `${l.employeeNo} ${l.name}` }))}
              placeholder="输入姓名或工号"
            />
          </Form.Item>
          <div>
            代扣 {outstanding.length - excluded.size} 人，合计 <strong className="ulm-num">{formatYuan(total)}</strong> 元
          </div>
        </Form>
      )}
    </Modal>
  );
}

function monthOptions(month: string): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const end = dayjs(`${month}-01`);
  for (let i = 23; i >= 0; i--) {
    const m = end.subtract(i, 'month').format('YYYY-MM');
    out.push({ value: m, label: m });
  }
  return out;
}

function CashModal({ month, open, onClose, onDone }: { month: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const accounts = useLeafAccounts(['101', '102']);
  const [member, setMember] = useState<PickedMember | null>(null);
  const [months, setMonths] = useState<string[]>([month]);
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [account, setAccount] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CashCollection | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const accountCode = account ?? accounts[0]?.code ?? null;

  const close = () => {
    setDone(null);
    setMember(null);
    setMonths([month]);
    setErr(null);
    onClose();
  };
  const submit = async () => {
    if (!member || !accountCode) return;
    setBusy(true);
    setErr(null);
    try {
      const r = await call('dues.collectCash', { memberId: member.id, months: [...months].sort(), date, cashOrBankAccountCode: accountCode });
      setDone(r);
      onDone();
    } catch (e) {
      setErr(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const print = () => {
    if (!done) return;
    const receiptId = done.receipt.id;
    openFile(() => call('dues.receipt.print', { receiptId }), { print: true })
      .then((shown) => shown === 'download' && message.info('浏览器阻止了新窗口，收据 PDF 已下载。'))
      .catch((e: unknown) => reportError(message, e));
  };

  return (
    <Modal
      title="现金收缴会费"
      open={open}
      onCancel={close}
      width={600}
      footer={
        done ? (
          <Space>
            <Button onClick={close}>关闭</Button>
            <Button onClick={() => openVoucher(done.voucher.id)}>打开凭证</Button>
            <Button type="primary" icon={<PrinterOutlined />} onClick={print}>
              打印收据
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={busy} disabled={!member || months.length === 0 || !accountCode} onClick={() => void submit()}>
              收款并开收据
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <div aria-label="会费收据">
          <Alert type="success" showIcon title={`已开具会费收据 No. ${done.receipt.label}`} />
          <Descriptions size="small" bordered column={2} className="ulm-gap">
            <Descriptions.Item label="收据号">{done.receipt.label}</Descriptions.Item>
            <Descriptions.Item label="日期">{done.receipt.date}</Descriptions.Item>
            <Descriptions.Item label="会员">
              {done.receipt.employeeNo} {done.receipt.memberName}
            </Descriptions.Item>
            <Descriptions.Item label="所属月份">{done.receipt.months.join('、')}</Descriptions.Item>
            <Descriptions.Item label="金额">{formatYuan(done.receipt.amountFen)} 元</Descriptions.Item>
            <Descriptions.Item label="大写">{done.receipt.amountInWords}</Descriptions.Item>
            <Descriptions.Item label="凭证" span={2}>
              草稿凭证 {voucherNo(done.voucher)}（审核、出纳确认、记账后计入已缴）
            </Descriptions.Item>
          </Descriptions>
        </div>
      ) : (
        <Form layout="vertical">
          <Form.Item label="会员" required>
            <MemberPicker label="缴费会员" value={member?.id ?? null} onChange={setMember} width={420} />
          </Form.Item>
          <Form.Item label="缴费月份" required extra="可一次收多个月（补缴欠费）；每月须已计算会费。">
            <Select aria-label="缴费月份" mode="multiple" value={months} onChange={(v: string[]) => setMonths(v)} options={monthOptions(month)} style={{ width: 420 }} />
          </Form.Item>
          <Space size="large">
            <Form.Item label="收款日期">
              <Input aria-label="收款日期" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item label="收款科目">
              <Select aria-label="收款科目" value={accountCode ?? undefined} onChange={(v: string) => setAccount(v)} options={accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.fullName}` }))} style={{ width: 240 }} />
            </Form.Item>
          </Space>
          {err && <Alert type="error" showIcon title={err} />}
        </Form>
      )}
    </Modal>
  );
}

// ---------- 缴费标准 ----------

interface RuleValues {
  effectiveFrom: string;
  ratePerMille: number;
  floorYuan: string;
  rounding: DuesRounding;
  apprenticeYuan: string;
  countedItems: string[];
}

function RulesSection({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useData(() => call('dues.rules.list', {}), []);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [form] = Form.useForm<RuleValues>();

  const startNew = () => {
    const last = data?.[data.length - 1];
    form.setFieldsValue({
      effectiveFrom: dayjs().add(1, 'year').format('YYYY-01'),
      ratePerMille: last?.ratePerMille ?? 5,
      floorYuan: formatYuan(last?.floorFen ?? 1000),
      rounding: last?.rounding ?? 'none',
      apprenticeYuan: formatYuan(last?.apprenticeFlatFen ?? 5),
      countedItems: last?.countedItems ?? ['基本工资'],
    });
    setFindings([]);
    setOpen(true);
  };
  const save = async () => {
    try {
      const v = await form.validateFields();
      setSaving(true);
      const r = await call('dues.rules.save', {
        effectiveFrom: v.effectiveFrom,
        ratePerMille: v.ratePerMille,
        floorFen: parseYuan(v.floorYuan, '尾数起点'),
        rounding: v.rounding,
        apprenticeFlatFen: parseYuan(v.apprenticeYuan, '学徒工每月会费'),
        countedItems: v.countedItems,
      });
      message.success(`已保存 ${r.rule.effectiveFrom} 起的缴费标准`);
      setFindings(r.findings);
      if (r.findings.length === 0) setOpen(false);
      reload();
    } catch (err) {
      if (isValidationReject(err)) return;
      if (err instanceof MoneyError) message.error(err.message);
      else if (!showFieldError(form, err, ['effectiveFrom', 'ratePerMille', 'rounding', 'countedItems'])) reportError(message, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section
      title="缴费标准"
      extra={
        canWrite && (
          <Button type="primary" onClick={startNew}>
            新增标准…
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        按生效月份分段：每个标准从其生效月份起适用，直到下一个标准；修改明年的标准不会改变已计算的月份。依据：工发[1978]101号 第一项“每月工资收入百分之零点五”“工资尾数不足十元的不计交会费”。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<DuesRule>
        aria-label="缴费标准"
        size="small"
        rowKey="effectiveFrom"
        loading={loading}
        pagination={false}
        dataSource={data ?? []}
        columns={[
          { title: '生效月份', dataIndex: 'effectiveFrom', width: 100 },
          { title: '费率', dataIndex: 'ratePerMille', width: 80, render: (n: number) => `${n}‰` },
          { title: '不计交的工资尾数', dataIndex: 'floorFen', width: 140, render: (f: number) => `不足 ${formatYuan(f)} 元` },
          { title: '会费进位', dataIndex: 'rounding', width: 150, render: (r: DuesRounding) => DUES_ROUNDING[r] },
          { title: '学徒工每月', dataIndex: 'apprenticeFlatFen', width: 100, align: 'right', render: (f: number) => <Yuan fen={f} /> },
          { title: '计入基数的工资项目', dataIndex: 'countedItems', render: (c: string[]) => c.join('、') },
        ]}
      />
      <Modal title="新增缴费标准" open={open} onCancel={() => setOpen(false)} onOk={() => void save()} okText="保存" confirmLoading={saving} width={620} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="effectiveFrom" label="生效月份" rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '生效月份格式应为 YYYY-MM' }]}>
            <Input aria-label="生效月份" style={{ width: 140 }} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="ratePerMille" label="费率（‰）" rules={[{ required: true, message: '请输入费率' }]}>
              <InputNumber aria-label="费率" min={1} max={1000} precision={0} />
            </Form.Item>
            <Form.Item name="floorYuan" label="不计交的工资尾数（元）" rules={[{ required: true, message: '请输入' }]}>
              <Input aria-label="尾数起点" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="apprenticeYuan" label="学徒工每月会费（元）" rules={[{ required: true, message: '请输入' }]}>
              <Input aria-label="学徒工每月会费" style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item
            name="rounding"
            label="会费进位方式 ❓"
            extra="❓ 未查到关于会费进位到角或元的规定。默认“保留到分”：先去掉不足 10 元的尾数再乘 0.5%，结果总是 5 分的整数倍，不会出现不足 1 分的零头。只有本地工会另有规定时才改为四舍五入到角或到元。"
          >
            <Select aria-label="会费进位方式" options={(Object.keys(DUES_ROUNDING) as DuesRounding[]).map((k) => ({ value: k, label: DUES_ROUNDING[k] }))} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="countedItems"
            label="计入会费基数的工资项目"
            rules={[{ required: true, message: '至少选择一个工资项目' }]}
            extra="与工资表的列名一致。奖金、津贴、补贴等不计交会费（工发[1978]101号 第四项）。"
          >
            <Select aria-label="计入会费基数的工资项目" mode="tags" options={['基本工资', '岗位工资', '薪级工资', '职务工资', '级别工资', '等级工资', '基础工资', '工龄工资'].map((x) => ({ value: x, label: x }))} />
          </Form.Item>
        </Form>
        {findings.map((f) => (
          <Alert key={f.rule + f.message} type={f.severity === 'block' ? 'error' : 'warning'} showIcon title={`${f.rule}：${f.message}`} description={f.citation} className="ulm-gap" />
        ))}
      </Modal>
    </Section>
  );
}
