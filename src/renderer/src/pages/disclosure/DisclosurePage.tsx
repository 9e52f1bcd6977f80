// 公示: the disclosure table (经费收支情况公示, review-and-disclosure.md §7) for a year, a half-year or a
// quarter, computed from the books; printed for a notice board (A4 纵向 or A3 横向, large type) or
// exported to Excel; 发布 (the 工会主席) records an immutable snapshot with its SHA-256, and every
// publication can be shown and re-printed exactly as posted. Aid lines show totals and 户/人/人次,
// never a name (CHK-PRIV-1, 个人信息保护法 第二十五、二十八条).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { EyeOutlined, FileExcelOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  DISCLOSURE_FREQUENCY_LABELS,
  DISCLOSURE_KIND_LABELS,
  DISCLOSURE_KINDS,
  DISCLOSURE_LAYOUT_LABELS,
  DISCLOSURE_LAYOUTS,
  DISCLOSURE_PLACES,
  type DisclosureContent,
  type DisclosureKind,
  type DisclosureLayout,
  type DisclosurePlace,
  type DisclosurePublication,
  type DisclosurePublicationDetail,
  type DisclosureRow,
} from '@contract/disclosure';
import type { FileResult } from '@contract/op';
import { formatYuan } from '@contract/money';
import { call, saveFile } from '../../api';
import { reportError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../../layout/SessionContext';
import { openFile } from '../vouchers/print';
import { YearPicker } from '../books/common';
import '../books/books.css';

const money = (fen: number | null) => (fen === null ? '' : formatYuan(fen));
const PARTS: Record<DisclosureKind, { value: number; label: string }[]> = {
  year: [],
  half: [
    { value: 1, label: '上半年' },
    { value: 2, label: '下半年' },
  ],
  quarter: [1, 2, 3, 4].map((q) => ({ value: q, label: `第${['一', '二', '三', '四'][q - 1]}季度` })),
};

function DisclosureTable({ content }: { content: DisclosureContent }) {
  return (
    <Table<DisclosureRow>
      size="small"
      rowKey="key"
      aria-label="公示表"
      pagination={false}
      dataSource={content.rows}
      columns={[
        {
          title: '项目',
          dataIndex: 'label',
          render: (v: string, r) => (
            <span style={{ paddingLeft: r.level * 20, fontWeight: r.level === 0 ? 600 : undefined }}>
              {v}
              {r.aggregate && (
                <Tag color="purple" style={{ marginLeft: 6 }}>
                  仅公布合计
                </Tag>
              )}
            </span>
          ),
        },
        { title: '本期金额', dataIndex: 'amountFen', align: 'right', width: 140, render: (v: number | null, r) => (r.level === 0 ? <b>{money(v)}</b> : money(v)) },
        { title: '本年预算', dataIndex: 'budgetFen', align: 'right', width: 130, render: money },
        { title: '执行率%', dataIndex: 'rateText', align: 'right', width: 90 },
        { title: '上年同期', dataIndex: 'priorFen', align: 'right', width: 130, render: money },
        { title: '说明', dataIndex: 'note', width: 260 },
      ]}
    />
  );
}

function Footnotes({ content }: { content: DisclosureContent }) {
  return (
    <div style={{ marginTop: 8 }}>
      {content.notes.map((n) => (
        <Typography.Paragraph key={n} type="secondary" style={{ marginBottom: 4 }}>
          {n}
        </Typography.Paragraph>
      ))}
      <Typography.Paragraph type="secondary">签字栏：{content.signatures.join('　')}</Typography.Paragraph>
    </div>
  );
}

export default function DisclosurePage() {
  const { message } = App.useApp();
  const { user } = useSession();
  const canPrepare = user.roles.some((r) => r === 'accountant' || r === 'supervisor' || r === 'chair');
  const canPublish = user.roles.includes('chair');
  const [year, setYear] = useState<number>(() => dayjs().year());
  const [kind, setKind] = useState<DisclosureKind>('year');
  const [part, setPart] = useState<number>(1);
  const [layout, setLayout] = useState<DisclosureLayout>('A4-portrait');
  const [opinion, setOpinion] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [shown, setShown] = useState<DisclosurePublicationDetail | null>(null);
  const period = { year, kind, ...(kind === 'year' ? {} : { part }) };
  const opinionValue = opinion.trim() === '' ? null : opinion.trim();
  const preview = useLoad(() => call('disclosure.preview', { period, opinion: opinionValue }), [year, kind, part, opinionValue]);
  const history = useLoad(() => call('disclosure.list', {}), []);
  // The period kind starts at the union's 公示频次 (setting disclosure.frequency, §7; default 每年).
  const settings = useLoad(() => call('disclosure.settings.get', {}), []);
  const frequency = settings.data?.frequency ?? null;
  useEffect(() => {
    if (frequency) setKind(frequency);
  }, [frequency]);
  const changeFrequency = async (f: DisclosureKind) => {
    try {
      await call('disclosure.settings.update', { frequency: f });
      settings.reload();
      message.success(`公示频次已设为${DISCLOSURE_FREQUENCY_LABELS[f]}`);
    } catch (err) {
      reportError(message, err);
    }
  };

  const printFile = (key: string, load: () => Promise<FileResult>) => {
    setBusy(key);
    openFile(load, { print: true })
      .then((s) => s === 'download' && message.info('浏览器阻止了新窗口，PDF 已下载。'))
      .catch((err: unknown) => reportError(message, err))
      .finally(() => setBusy(null));
  };
  const excelFile = async (key: string, load: () => Promise<FileResult>) => {
    setBusy(key);
    try {
      saveFile(await load());
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(null);
    }
  };
  const show = async (id: number) => {
    try {
      setShown(await call('disclosure.get', { id }));
    } catch (err) {
      reportError(message, err);
    }
  };

  const content = preview.data;
  return (
    <div className="ulb-page">
      <div className="ulb-toolbar">
        <Space wrap>
          <span>公示年度</span>
          <YearPicker label="公示年度" value={year} onChange={setYear} />
          <Segmented<DisclosureKind>
            aria-label="公示期间"
            value={kind}
            onChange={(k) => {
              setKind(k);
              setPart(1);
            }}
            options={DISCLOSURE_KINDS.map((k) => ({ value: k, label: DISCLOSURE_KIND_LABELS[k] }))}
          />
          {kind !== 'year' && <Select aria-label={kind === 'half' ? '半年' : '季度'} value={part} onChange={setPart} options={PARTS[kind]} style={{ width: 110 }} />}
          {frequency && (
            <span className="ulr-muted">
              公示频次：
              {canPublish ? (
                <Select<DisclosureKind>
                  aria-label="公示频次"
                  size="small"
                  value={frequency}
                  onChange={(f) => void changeFrequency(f)}
                  style={{ width: 120 }}
                  options={DISCLOSURE_KINDS.map((k) => ({ value: k, label: DISCLOSURE_FREQUENCY_LABELS[k] }))}
                />
              ) : (
                DISCLOSURE_FREQUENCY_LABELS[frequency]
              )}
            </span>
          )}
          <Radio.Group aria-label="版式" value={layout} onChange={(e) => setLayout(e.target.value as DisclosureLayout)} optionType="button" options={DISCLOSURE_LAYOUTS.map((l) => ({ value: l, label: DISCLOSURE_LAYOUT_LABELS[l] }))} />
        </Space>
        <Space wrap>
          {canPrepare && (
            <Button icon={<PrinterOutlined />} loading={busy === 'pdf'} disabled={!content || busy !== null} onClick={() => printFile('pdf', () => call('disclosure.export', { period, opinion: opinionValue, format: 'pdf', layout }))}>
              打印预览稿
            </Button>
          )}
          {canPrepare && (
            <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={!content || busy !== null} onClick={() => void excelFile('xlsx', () => call('disclosure.export', { period, opinion: opinionValue, format: 'xlsx', layout }))}>
              导出 Excel
            </Button>
          )}
          {canPublish && (
            <Button type="primary" icon={<SendOutlined />} disabled={!content || busy !== null} onClick={() => setPublishing(true)}>
              发布
            </Button>
          )}
        </Space>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="隐私保护（CHK-PRIV-1）"
        description="困难职工帮扶、送温暖和会员婚育病逝退慰问只公布合计金额与户数、人数、人次，公示表、PDF 和 Excel 中均不出现受助人姓名、身份证号、银行账号或病情家庭情况（个人信息保护法第二十五条、第二十八条）。"
      />
      <Input.TextArea
        aria-label="经审会审查意见"
        placeholder="经审会审查意见（可选，印在表下）"
        value={opinion}
        onChange={(e) => setOpinion(e.target.value)}
        autoSize={{ minRows: 1, maxRows: 3 }}
        maxLength={300}
        style={{ marginBottom: 12 }}
      />
      {preview.error && <Alert type="error" showIcon title={preview.error} style={{ marginBottom: 12 }} />}
      <Spin spinning={preview.loading}>
        {content && (
          <>
            <h2 style={{ textAlign: 'center', margin: '4px 0' }}>{content.title}</h2>
            <div style={{ textAlign: 'center', color: '#666', marginBottom: 8 }}>
              公示期间：{content.from} 至 {content.to}　{content.unitLabel}
            </div>
            {!content.consistent && <Alert type="warning" showIcon title="期初结转结余 + 本期收支差额 ≠ 期末结转结余，请核对账簿后再发布。" style={{ marginBottom: 8 }} />}
            <DisclosureTable content={content} />
            <Footnotes content={content} />
          </>
        )}
      </Spin>

      <h3 style={{ marginTop: 24 }}>发布记录</h3>
      <Table<DisclosurePublication>
        size="small"
        rowKey="id"
        aria-label="发布记录"
        loading={history.loading}
        dataSource={history.data ?? []}
        pagination={false}
        locale={{ emptyText: '尚未发布公示' }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 60 },
          { title: '期间', dataIndex: 'periodLabel', width: 150 },
          { title: '公示地点', dataIndex: 'postedWhere', width: 110 },
          { title: '公示日期', dataIndex: 'postedOn', width: 110 },
          { title: '发布人', dataIndex: 'publishedBy', width: 90 },
          { title: '发布时间', dataIndex: 'publishedAt', width: 160, render: (v: string) => localTime(v) },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            width: 190,
            render: (v: string) => (
              <Typography.Text code copyable={{ text: v }} title={v} style={{ whiteSpace: 'nowrap' }}>
                {v.slice(0, 16)}…
              </Typography.Text>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 300,
            render: (_, p) => (
              <Space size={4} wrap>
                <Button size="small" icon={<EyeOutlined />} onClick={() => void show(p.id)}>
                  查看
                </Button>
                <Button size="small" icon={<PrinterOutlined />} loading={busy === `r${p.id}`} disabled={busy !== null} onClick={() => printFile(`r${p.id}`, () => call('disclosure.reprint', { id: p.id, format: 'pdf', layout }))}>
                  重印（{DISCLOSURE_LAYOUT_LABELS[layout]}）
                </Button>
                <Button size="small" icon={<FileExcelOutlined />} disabled={busy !== null} onClick={() => void excelFile(`x${p.id}`, () => call('disclosure.reprint', { id: p.id, format: 'xlsx', layout }))}>
                  Excel
                </Button>
              </Space>
            ),
          },
        ]}
      />

      {publishing && content && (
        <PublishDialog
          content={content}
          onClose={() => setPublishing(false)}
          onPublish={async (postedWhere, postedOn) => {
            const pub = await call('disclosure.publish', { period, opinion: opinionValue, postedWhere, postedOn });
            setPublishing(false);
            history.reload();
            message.success(`公示已发布（第 ${pub.id} 号，SHA-256 ${pub.sha256.slice(0, 16)}…）`);
            setShown(pub);
          }}
        />
      )}
      <Modal open={shown !== null} width={1000} title={shown ? `第 ${shown.id} 号公示：${shown.title}` : ''} onCancel={() => setShown(null)} footer={null} destroyOnHidden>
        {shown && (
          <>
            <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="公示地点">{shown.postedWhere}</Descriptions.Item>
              <Descriptions.Item label="公示日期">{shown.postedOn}</Descriptions.Item>
              <Descriptions.Item label="发布人">{shown.publishedBy}</Descriptions.Item>
              <Descriptions.Item label="发布时间">{localTime(shown.publishedAt)}</Descriptions.Item>
              <Descriptions.Item label="SHA-256" span={2}>
                <Typography.Text code copyable aria-label="公示 SHA-256">
                  {shown.sha256}
                </Typography.Text>{' '}
                {shown.hashOk ? <Tag color="green">校验相符</Tag> : <Tag color="red">校验不符：存储内容已被改动</Tag>}
              </Descriptions.Item>
            </Descriptions>
            {shown.booksChanged && <Alert type="warning" showIcon title="发布后该期间的账簿已有变动：以下为发布时的内容，与现在按账簿计算的数字不同。" style={{ marginBottom: 8 }} />}
            <DisclosureTable content={shown.content} />
            <Footnotes content={shown.content} />
          </>
        )}
      </Modal>
    </div>
  );
}

function PublishDialog({ content, onClose, onPublish }: { content: DisclosureContent; onClose: () => void; onPublish: (postedWhere: DisclosurePlace, postedOn: string) => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ postedWhere: DisclosurePlace; postedOn: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: { postedWhere: DisclosurePlace; postedOn: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onPublish(v.postedWhere, v.postedOn);
    } catch (err) {
      reportError(message, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`发布：${content.title}`} okText="确认发布" cancelText="取消" onOk={() => void submit()} confirmLoading={saving} onCancel={onClose}>
      <Typography.Paragraph>
        发布后，公示内容连同 SHA-256 校验值作为发布记录保存，不能修改或删除；以后可随时查看和重印当时公示的内容。收入合计 {formatYuan(content.totals.revenueFen)} 元，支出合计 {formatYuan(content.totals.expenditureFen)} 元。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ postedWhere: '公示栏', postedOn: dayjs().format('YYYY-MM-DD') }}>
        <Form.Item name="postedWhere" label="公示地点" rules={[{ required: true, message: '请选择公示地点' }]}>
          <Select aria-label="公示地点" options={DISCLOSURE_PLACES.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item name="postedOn" label="公示日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '公示日期格式应为 YYYY-MM-DD' }]}>
          <Input aria-label="公示日期" placeholder="YYYY-MM-DD" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
