// 审查问题: the committee's findings with severity, the vouchers they concern and their follow-up
// (整改: 未整改 → 整改中 → 已整改, each change with who, when and a note) — the remediation register of
// review-and-disclosure.md §4. The reviewer records; the chair reads.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { FINDING_SEVERITIES, FINDING_SEVERITY_LABELS, FINDING_STATUSES, FINDING_STATUS_LABELS, type FindingSeverity, type FindingStatus, type ReviewFinding } from '@contract/review';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { reportError, showFieldError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { MonthPicker, VoucherLink, YearPicker } from '../books/common';

const SEVERITY_COLOR: Record<FindingSeverity, string> = { general: 'default', important: 'orange', major: 'red' };
const STATUS_COLOR: Record<FindingStatus, string> = { open: 'red', in_progress: 'gold', resolved: 'green' };

export default function FindingsTab({ year, onYear, canWrite }: { year: number; onYear: (y: number) => void; canWrite: boolean }) {
  const [status, setStatus] = useState<FindingStatus | undefined>(undefined);
  const { data, error, loading, reload } = useLoad(() => call('review.findings.list', { year, ...(status ? { status } : {}) }), [year, status]);
  const [editing, setEditing] = useState<ReviewFinding | 'new' | null>(null);
  const [following, setFollowing] = useState<ReviewFinding | null>(null);
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>审查年度</span>
          <YearPicker label="审查年度" value={year} onChange={onYear} />
          <Select<FindingStatus | 'all'>
            aria-label="整改状态"
            value={status ?? 'all'}
            onChange={(v) => setStatus(v === 'all' ? undefined : v)}
            style={{ width: 120 }}
            options={[{ value: 'all', label: '全部' }, ...FINDING_STATUSES.map((s) => ({ value: s, label: FINDING_STATUS_LABELS[s] }))]}
          />
        </Space>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            登记问题
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<ReviewFinding>
        size="small"
        rowKey="id"
        loading={loading}
        aria-label="审查问题"
        dataSource={data ?? []}
        pagination={false}
        locale={{ emptyText: '本年度尚未登记审查问题' }}
        expandable={{ expandedRowRender: (f) => <FindingDetail f={f} /> }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 60 },
          { title: '性质', dataIndex: 'severity', width: 70, render: (s: FindingSeverity, f) => <Tag color={SEVERITY_COLOR[s]}>{f.severityLabel}</Tag> },
          { title: '问题', dataIndex: 'title' },
          { title: '涉及凭证', key: 'vouchers', render: (_, f) => <Space wrap size={4}>{f.vouchers.map((v) => <VoucherLink key={v.voucherId} id={v.voucherId} no={`${v.date.slice(5)} ${v.voucherNo}`} />)}</Space> },
          { title: '责任人', dataIndex: 'owner', width: 90 },
          { title: '整改期限', dataIndex: 'dueDate', width: 110 },
          { title: '整改状态', dataIndex: 'status', width: 90, render: (s: FindingStatus, f) => <Tag color={STATUS_COLOR[s]}>{f.statusLabel}</Tag> },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, f: ReviewFinding) => (
                    <Space>
                      <Button size="small" disabled={f.status === 'resolved'} onClick={() => setEditing(f)}>
                        修改
                      </Button>
                      <Button size="small" onClick={() => setFollowing(f)}>
                        登记整改
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <FindingForm year={year} finding={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} />}
      {following && <FollowUpDialog finding={following} onClose={() => setFollowing(null)} onSaved={reload} />}
    </div>
  );
}

function FindingDetail({ f }: { f: ReviewFinding }) {
  return (
    <div className="ulr-detail">
      <p>
        <b>问题描述：</b>
        {f.description}
      </p>
      {f.recommendation && (
        <p>
          <b>审查建议：</b>
          {f.recommendation}
        </p>
      )}
      {f.vouchers.length > 0 && (
        <p>
          <b>涉及凭证：</b>
          {f.vouchers.map((v) => `${v.date} ${v.voucherNo} ${v.summary} ${formatYuan(v.amountFen)} 元`).join('；')}
        </p>
      )}
      <Timeline
        items={f.events.map((e) => ({
          color: STATUS_COLOR[e.toStatus],
          content: `${localTime(e.at)} ${e.by}：${e.fromStatus ? `${FINDING_STATUS_LABELS[e.fromStatus]} → ` : ''}${e.toStatusLabel}。${e.note}`,
        }))}
      />
    </div>
  );
}

interface FormValues {
  severity: FindingSeverity;
  title: string;
  description: string;
  recommendation?: string;
  owner?: string;
  dueDate?: string;
  voucherIds: number[];
}

function FindingForm({ year, finding, onClose, onSaved }: { year: number; finding: ReviewFinding | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [month, setMonth] = useState(`${year}-${String(new Date().getFullYear() === year ? new Date().getMonth() + 1 : 12).padStart(2, '0')}`);
  const samples = useLoad(() => call('review.samples.list', { year }), [year]);
  const latest = samples.data?.[0]?.id ?? null;
  const sample = useLoad(latest === null ? null : () => call('review.samples.get', { id: latest }), [latest]);
  const monthVouchers = useLoad(() => call('vouchers.list', { period: month, status: 'posted', page: 1, pageSize: 200 }), [month]);

  const options = useMemo(() => {
    const seen = new Map<number, string>();
    for (const v of finding?.vouchers ?? []) seen.set(v.voucherId, `${v.date} ${v.voucherNo} ${v.summary} ${formatYuan(v.amountFen)}`);
    for (const v of sample.data?.items ?? []) if (!seen.has(v.voucherId)) seen.set(v.voucherId, `${v.date} ${v.voucherNo} ${v.summary} ${formatYuan(v.amountFen)}（样本）`);
    for (const v of monthVouchers.data?.rows ?? []) if (!seen.has(v.id)) seen.set(v.id, `${v.date} ${v.word}-${v.number ?? '?'} ${v.summary} ${formatYuan(v.total)}`);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [finding, sample.data, monthVouchers.data]);

  const save = async (v: FormValues) => {
    setBusy(true);
    try {
      await call('review.findings.save', {
        ...(finding ? { id: finding.id } : {}),
        year,
        severity: v.severity,
        title: v.title,
        description: v.description,
        recommendation: v.recommendation ?? null,
        owner: v.owner ?? null,
        dueDate: v.dueDate ? v.dueDate : null,
        voucherIds: v.voucherIds ?? [],
        ...(finding ? {} : latest !== null && (v.voucherIds ?? []).some((id) => sample.data?.items.some((i) => i.voucherId === id)) ? { sampleId: latest } : {}),
      });
      message.success(finding ? '已修改审查问题' : '已登记审查问题');
      onSaved();
      onClose();
    } catch (e) {
      if (!showFieldError(form, e, ['severity', 'title', 'description', 'recommendation', 'owner', 'dueDate', 'voucherIds'])) reportError(message, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={760} title={finding ? `修改审查问题 #${finding.id}` : '登记审查问题'} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={
          finding
            ? { severity: finding.severity, title: finding.title, description: finding.description, recommendation: finding.recommendation ?? undefined, owner: finding.owner ?? undefined, dueDate: finding.dueDate ?? undefined, voucherIds: finding.vouchers.map((v) => v.voucherId) }
            : { severity: 'general', voucherIds: [] }
        }
      >
        <Space wrap>
          <Form.Item name="severity" label="问题性质" rules={[{ required: true, message: '请选择问题性质' }]}>
            <Select<FindingSeverity> aria-label="问题性质" style={{ width: 120 }} options={FINDING_SEVERITIES.map((s) => ({ value: s, label: FINDING_SEVERITY_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name="owner" label="整改责任人">
            <Input aria-label="整改责任人" maxLength={40} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="dueDate" label="整改期限" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' }]}>
            <Input aria-label="整改期限" placeholder="YYYY-MM-DD" style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="问题标题" rules={[{ required: true, min: 2, message: '请输入问题标题' }]}>
          <Input aria-label="问题标题" maxLength={80} />
        </Form.Item>
        <Form.Item name="description" label="问题描述" rules={[{ required: true, min: 2, message: '请描述问题' }]}>
          <Input.TextArea aria-label="问题描述" rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="recommendation" label="审查建议">
          <Input.TextArea aria-label="审查建议" rows={2} maxLength={1000} />
        </Form.Item>
        <Space align="end" wrap style={{ marginBottom: 8 }}>
          <span>从月份挑选凭证</span>
          <MonthPicker label="凭证月份" value={month} onChange={setMonth} />
          <span className="ulr-muted">（最近一次抽样的样本凭证也在列表中）</span>
        </Space>
        <Form.Item name="voucherIds" label="涉及凭证">
          <Select<number[]> mode="multiple" aria-label="涉及凭证" options={options} optionFilterProp="label" placeholder="输入凭证号、摘要或金额搜索" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FollowUpDialog({ finding, onClose, onSaved }: { finding: ReviewFinding; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<FindingStatus>(finding.status === 'open' ? 'in_progress' : finding.status === 'in_progress' ? 'resolved' : 'resolved');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await call('review.findings.setStatus', { id: finding.id, status, note });
      message.success(`已登记整改情况：${FINDING_STATUS_LABELS[status]}`);
      onSaved();
      onClose();
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`登记整改情况：${finding.title}`} onCancel={onClose} onOk={() => void save()} okText="保存" cancelText="取消" confirmLoading={busy}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select<FindingStatus> aria-label="整改后状态" value={status} onChange={setStatus} style={{ width: 160 }} options={FINDING_STATUSES.map((s) => ({ value: s, label: FINDING_STATUS_LABELS[s] }))} />
        <Input.TextArea aria-label="整改情况说明" rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="整改措施、复核结果等（至少 2 个字）" maxLength={1000} />
      </Space>
    </Modal>
  );
}
