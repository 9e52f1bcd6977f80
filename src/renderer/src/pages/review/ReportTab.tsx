// 审查报告: the annual review report (review-and-disclosure.md §4, §8). The figures are drafted from
// the ledger (收入支出表, 资产负债表, 决算) and cannot be edited; the narrative of each section can.
// The 经审委员 saves drafts and freezes the final version (定稿: its SHA-256 recorded, no change after);
// a later posting in the year is flagged in red ("冻结后账簿已变动"). The 工会主席 reads and prints.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, LockOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import {
  REPORT_SECTION_HEADINGS,
  REPORT_SECTION_HINTS,
  REPORT_SECTIONS,
  type ReportLine,
  type ReportMeta,
  type ReportSections,
  type ReportTotal,
  type ReviewReportView,
} from '@contract/review-report';
import { formatYuan } from '@contract/money';
import { call, saveFile } from '../../api';
import { reportError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { openFile } from '../vouchers/print';
import { YearPicker } from '../books/common';

const money = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));

function FigureTable({ title, lines, total }: { title: string; lines: ReportLine[]; total: ReportTotal }) {
  const rows = [...lines.map((l) => ({ key: l.code, ...l })), { key: 'total', code: '', name: '合计', level: 1 as const, ...total, shareBp: null, shareText: lines.some((l) => l.shareBp !== null) ? '100.00%' : '—' }];
  return (
    <Table
      size="small"
      aria-label={title}
      title={() => <b>{title}</b>}
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.key === 'total' ? 'ulr-total' : '')}
      columns={[
        { title: '科目', dataIndex: 'code', width: 80 },
        { title: '项目', dataIndex: 'name', render: (v: string, r) => (r.level === 2 ? <span style={{ paddingLeft: 20 }}>其中：{v}</span> : r.key === 'total' ? <b>{v}</b> : v) },
        { title: '预算数', dataIndex: 'budgetFen', align: 'right', render: money },
        { title: '实际数', dataIndex: 'actualFen', align: 'right', render: money },
        { title: '差额', dataIndex: 'differenceFen', align: 'right', render: money },
        { title: '完成率', dataIndex: 'rateText', align: 'right', width: 90 },
        { title: '占比', dataIndex: 'shareText', align: 'right', width: 90 },
      ]}
    />
  );
}

export default function ReportTab({ year, onYear, canWrite }: { year: number; onYear: (y: number) => void; canWrite: boolean }) {
  const { message, modal } = App.useApp();
  const { data, error, loading } = useLoad(() => call('reviewReport.get', { year }), [year]);
  const [form] = Form.useForm<{ meta: ReportMeta; sections: ReportSections }>();
  const [busy, setBusy] = useState<'save' | 'freeze' | 'pdf' | 'xlsx' | null>(null);
  const [view, setView] = useState<ReviewReportView | null>(null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!data) return;
    setView(data);
    form.setFieldsValue({ meta: data.meta, sections: data.sections });
    setDirty(false);
  }, [data, form]);

  const frozen = view?.status === 'frozen';
  const editable = canWrite && !frozen;

  const save = async (): Promise<boolean> => {
    let values: { meta: ReportMeta; sections: ReportSections };
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    setBusy('save');
    try {
      const v = await call('reviewReport.saveDraft', { year, meta: values.meta, sections: values.sections });
      setView(v);
      setDirty(false);
      message.success('审查报告草稿已保存');
      return true;
    } catch (err) {
      reportError(message, err);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const freeze = () => {
    modal.confirm({
      title: `冻结${year}年度经费审查报告？`,
      content: '冻结后报告即为定稿：数字与文字连同 SHA-256 校验值一并记录，不能再修改。冻结后如账簿再有变动，报告上会标明“冻结后账簿已变动”。',
      okText: '冻结定稿',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: async () => {
        // An unsaved draft (or the generated first draft) is saved first: what is frozen is what is shown.
        if ((dirty || view?.status === 'none') && !(await save())) return;
        setBusy('freeze');
        try {
          const v = await call('reviewReport.freeze', { year });
          setView(v);
          message.success('审查报告已冻结定稿');
        } catch (err) {
          reportError(message, err);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const print = () => {
    setBusy('pdf');
    openFile(() => call('reviewReport.export', { year, format: 'pdf' }), { print: true })
      .then((shown) => shown === 'download' && message.info('浏览器阻止了新窗口，PDF 已下载。'))
      .catch((err: unknown) => reportError(message, err))
      .finally(() => setBusy(null));
  };
  const excel = async () => {
    setBusy('xlsx');
    try {
      saveFile(await call('reviewReport.export', { year, format: 'xlsx' }));
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(null);
    }
  };

  const f = view?.figures;
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>审查年度</span>
          <YearPicker label="审查年度" value={year} onChange={onYear} />
          {view && (
            <Tag color={frozen ? 'green' : view.status === 'draft' ? 'blue' : 'default'}>{frozen ? '已定稿（冻结）' : view.status === 'draft' ? '草稿' : '未保存（按账簿生成的初稿）'}</Tag>
          )}
          {dirty && <Tag color="orange">有未保存的修改</Tag>}
        </Space>
        <Space wrap>
          {editable && (
            <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy !== null} onClick={() => void save()}>
              保存草稿
            </Button>
          )}
          {editable && (
            <Button danger icon={<LockOutlined />} loading={busy === 'freeze'} disabled={busy !== null} onClick={freeze}>
              冻结定稿
            </Button>
          )}
          <Button icon={<PrinterOutlined />} loading={busy === 'pdf'} disabled={!view || busy !== null} onClick={print}>
            打印 PDF
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={!view || busy !== null} onClick={() => void excel()}>
            导出 Excel
          </Button>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {view?.changedAfterFreeze && <Alert type="error" showIcon role="alert" title={view.changedAfterFreeze.message} style={{ marginBottom: 12 }} />}
      {view?.freeze && (
        <Alert
          type={view.freeze.hashOk ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              {view.freeze.frozenBy} 于 {localTime(view.freeze.frozenAt)} 冻结定稿。SHA-256：
              <Typography.Text code copyable aria-label="定稿 SHA-256">
                {view.freeze.sha256}
              </Typography.Text>
              {!view.freeze.hashOk && '（校验不符：存储的内容已被改动！）'}
            </span>
          }
        />
      )}
      {view && view.status === 'draft' && view.updatedAt && (
        <Typography.Paragraph type="secondary">
          草稿由 {view.updatedBy} 于 {localTime(view.updatedAt)} 保存。
        </Typography.Paragraph>
      )}
      <Spin spinning={loading}>
        {f && view && (
          <Form form={form} layout="vertical" disabled={!editable} onValuesChange={() => setDirty(true)}>
            <div className="ulr-section">
              <h3>报告信息</h3>
              <Space wrap align="start">
                <Form.Item name={['meta', 'committee']} label="经费审查委员会" rules={[{ required: true, message: '请输入经费审查委员会名称' }]}>
                  <Input style={{ width: 260 }} placeholder="第三届工会经费审查委员会" />
                </Form.Item>
                <Form.Item name={['meta', 'meeting']} label="会议（届/次）">
                  <Input style={{ width: 300 }} placeholder="第三届会员代表大会第二次会议" />
                </Form.Item>
                <Form.Item name={['meta', 'reportDate']} label="报告日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '报告日期格式应为 YYYY-MM-DD' }]}>
                  <Input style={{ width: 140 }} placeholder="YYYY-MM-DD" />
                </Form.Item>
                <Form.Item name={['meta', 'unit']} label="打印金额单位" initialValue="yuan">
                  <Select aria-label="打印金额单位" style={{ width: 100 }} options={[{ value: 'yuan', label: '元' }, { value: 'wan', label: '万元' }]} />
                </Form.Item>
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {f.unionName}　审查期间：{f.periodLabel}　预算：{f.budgetLabel ?? '本年度无已批准的预算'}
              </Typography.Paragraph>
            </div>
            {REPORT_SECTIONS.map((k) => (
              <div className="ulr-section" key={k}>
                <h3>{REPORT_SECTION_HEADINGS[k] || (k === 'preamble' ? '开头' : '结束语')}</h3>
                {k === 'revenue' && <FigureTable title="经费收入预算执行情况" lines={f.revenue.lines} total={f.revenue.total} />}
                {k === 'revenue' && (
                  <Descriptions size="small" bordered column={3} style={{ margin: '8px 0' }}>
                    <Descriptions.Item label="拨缴经费计提（2%）">{money(f.levy.grossFen)}</Descriptions.Item>
                    <Descriptions.Item label="其中留成">{money(f.levy.retainedFen)}</Descriptions.Item>
                    <Descriptions.Item label="应上缴上级">{money(f.levy.accruedUpwardFen)}</Descriptions.Item>
                    <Descriptions.Item label="本年已上缴">{money(f.levy.remittedFen)}</Descriptions.Item>
                    <Descriptions.Item label="年末应付上级经费">{money(f.levy.payableAtYearEndFen)}</Descriptions.Item>
                    <Descriptions.Item label="按时上缴">{f.levy.clearedAtYearEnd ? <Tag color="green">年末已清</Tag> : <Tag color="red">年末未清</Tag>}</Descriptions.Item>
                  </Descriptions>
                )}
                {k === 'expenditure' && <FigureTable title="经费支出预算执行情况" lines={f.expenditure.lines} total={f.expenditure.total} />}
                {k === 'expenditure' && <Typography.Paragraph type="secondary">{f.roundingNote}</Typography.Paragraph>}
                {k === 'balance' && (
                  <Descriptions size="small" bordered column={3} style={{ margin: '8px 0' }}>
                    <Descriptions.Item label="本年收支差额">{money(f.balance.surplusFen)}</Descriptions.Item>
                    <Descriptions.Item label="年初结转 / 结余">
                      {money(f.balance.openingCarryFen)} / {money(f.balance.openingSurplusFen)}
                    </Descriptions.Item>
                    <Descriptions.Item label="年末结转 / 结余">
                      {money(f.balance.closingCarryFen)} / {money(f.balance.closingSurplusFen)}
                    </Descriptions.Item>
                  </Descriptions>
                )}
                {k === 'assets' && (
                  <Descriptions size="small" bordered column={3} style={{ margin: '8px 0' }}>
                    <Descriptions.Item label="固定资产原值">{money(f.assets.fixedOriginalFen)}</Descriptions.Item>
                    <Descriptions.Item label="累计折旧">{money(f.assets.accumulatedDepreciationFen)}</Descriptions.Item>
                    <Descriptions.Item label="固定资产净值">{money(f.assets.fixedNetFen)}</Descriptions.Item>
                  </Descriptions>
                )}
                {k === 'opinion' && (
                  <Space wrap style={{ marginBottom: 8 }}>
                    <Tag color={f.checks.trialBalanceEven ? 'green' : 'red'}>科目余额表{f.checks.trialBalanceEven ? '借贷平衡' : '不平衡'}</Tag>
                    <Tag color={f.checks.balanceSheetBalanced ? 'green' : 'red'}>资产负债表{f.checks.balanceSheetBalanced ? '平衡' : '不平衡'}</Tag>
                    <Tag color={f.checks.incomeStatementConsistent ? 'green' : 'red'}>收入支出表与结转结余{f.checks.incomeStatementConsistent ? '相符' : '不符'}</Tag>
                  </Space>
                )}
                {k === 'problems' && view.findings.length > 0 && (
                  <Typography.Paragraph type="secondary">
                    审查问题登记簿：
                    {view.findings.map((x) => `#${x.id} ${x.title}（${x.severity}，${x.status}）`).join('；')}
                  </Typography.Paragraph>
                )}
                <Form.Item name={['sections', k]} label={REPORT_SECTION_HINTS[k]} style={{ marginBottom: 0 }}>
                  <Input.TextArea autoSize={{ minRows: k === 'preamble' || k === 'opinion' || k === 'problems' ? 3 : 1, maxRows: 12 }} aria-label={REPORT_SECTION_HINTS[k]} maxLength={4000} />
                </Form.Item>
              </div>
            ))}
          </Form>
        )}
      </Spin>
      {!canWrite && view && view.status !== 'frozen' && <Alert type="info" showIcon title="审查报告由经审委员起草和定稿；您可以查阅和打印。" />}
    </div>
  );
}
