// 审计日志: the hash-chained trail, paged on the server; filter, export to Excel, verify the chain.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AuditPage, AuditRecord, OpInput, VerifyReport } from '@contract/operations';
import { call, saveFile } from '../api';
import { reportError } from '../lib/errors';
import { localTime, prettyJson } from '../lib/format';
import { entityLabel, hostLabel, operationTitle as operationLabel } from '@contract/titles';

type Filter = OpInput<'audit.exportExcel'>;
interface FilterValues {
  userId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
  entity?: string;
  operation?: string;
}
interface Facets {
  users: { id: number; username: string }[];
  entities: string[];
  operations: string[];
}

function toFilter(v: FilterValues): Filter {
  const f: Filter = {};
  if (v.userId !== undefined && v.userId !== null) f.userId = v.userId;
  if (v.range?.[0]) f.from = v.range[0].format('YYYY-MM-DD');
  if (v.range?.[1]) f.to = v.range[1].format('YYYY-MM-DD');
  if (v.entity) f.entity = v.entity;
  if (v.operation) f.operation = v.operation;
  return f;
}

function opText(op: string): string {
  const label = operationLabel(op);
  return label ? `${label}（${op}）` : op;
}

const columns: TableColumnsType<AuditRecord> = [
  { title: '序号', dataIndex: 'seq', width: 80 },
  { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => localTime(v) },
  { title: '用户', dataIndex: 'username', width: 120, render: (v: string | null) => v ?? '（系统）' },
  { title: '来源', dataIndex: 'host', width: 100, render: (v: string) => hostLabel(v) },
  {
    title: '操作',
    dataIndex: 'operation',
    render: (v: string) => (
      <span>
        {operationLabel(v) ?? v}
        {operationLabel(v) && (
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {v}
          </Typography.Text>
        )}
      </span>
    ),
  },
  { title: '对象', dataIndex: 'entity', width: 120, render: (v: string) => entityLabel(v) },
  { title: '对象编号', dataIndex: 'entityId', width: 100, render: (v: string | null) => v ?? '' },
];

function Detail({ r }: { r: AuditRecord }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
      <div>
        <Typography.Text strong>修改前</Typography.Text>
        <pre className="ul-json">{prettyJson(r.before)}</pre>
      </div>
      <div>
        <Typography.Text strong>修改后</Typography.Text>
        <pre className="ul-json">{prettyJson(r.after)}</pre>
      </div>
      <Typography.Text type="secondary" style={{ gridColumn: '1 / span 2', fontSize: 12 }} copyable={{ text: r.hash }}>
        哈希：{r.hash}
      </Typography.Text>
    </div>
  );
}

export default function AuditLog() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<Filter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [data, setData] = useState<AuditPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [facets, setFacets] = useState<Facets>({ users: [], entities: [], operations: [] });
  const [exporting, setExporting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [reloadTick, setReloadTick] = useState(0);

  useEffect(() => {
    call('audit.facets', {})
      .then(setFacets)
      .catch((err: unknown) => reportError(message, err));
  }, [message, reloadTick]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    call('audit.list', { ...filter, page: paging.page, pageSize: paging.pageSize })
      .then((p) => live && setData(p))
      .catch((err: unknown) => live && reportError(message, err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filter, paging, message, reloadTick]);

  const apply = (v: FilterValues) => {
    setFilter(toFilter(v));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      saveFile(await call('audit.exportExcel', toFilter(form.getFieldsValue())));
      message.success('审计日志已导出');
    } catch (err) {
      reportError(message, err);
    } finally {
      setExporting(false);
    }
  };

  const verify = async () => {
    setVerifying(true);
    setReport(null);
    try {
      setReport(await call('audit.verify', {}));
    } catch (err) {
      reportError(message, err);
    } finally {
      setVerifying(false);
    }
  };

  const reload = useCallback(() => setReloadTick((t) => t + 1), []);

  const operationOptions = useMemo(() => facets.operations.map((o) => ({ value: o, label: opText(o) })), [facets.operations]);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        审计日志
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        每一次写操作都记入哈希链审计记录，不能修改或删除；“校验审计链”可发现被篡改、删除或调换顺序的记录。
      </Typography.Paragraph>
      <Form<FilterValues> form={form} layout="inline" name="audit-filter" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
        <Form.Item label="用户" name="userId">
          <Select allowClear style={{ width: 140 }} placeholder="全部" options={facets.users.map((u) => ({ value: u.id, label: u.username }))} />
        </Form.Item>
        <Form.Item label="日期范围" name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item label="对象" name="entity">
          <Select allowClear style={{ width: 140 }} placeholder="全部" options={facets.entities.map((e) => ({ value: e, label: entityLabel(e) }))} />
        </Form.Item>
        <Form.Item label="操作" name="operation">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 240 }} placeholder="全部" options={operationOptions} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void exportExcel()}>
          导出 Excel
        </Button>
        <Button icon={<SafetyOutlined aria-hidden />} loading={verifying} onClick={() => void verify()}>
          校验审计链
        </Button>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={reload}>
          刷新
        </Button>
      </Space>
      {report && <VerifyAlert report={report} onClose={() => setReport(null)} />}
      <Table<AuditRecord>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={loading}
        expandable={{ expandedRowRender: (r) => <Detail r={r} /> }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    </div>
  );
}

function VerifyAlert({ report, onClose }: { report: VerifyReport; onClose: () => void }) {
  const integrityOk = report.integrity.length === 1 && report.integrity[0] === 'ok';
  const closable = { onClose };
  if (report.ok && integrityOk) {
    return (
      <Alert
        type="success"
        showIcon
        closable={closable}
        style={{ marginBottom: 16 }}
        title={`审计链完整：共 ${report.records} 条记录，SQLite 完整性检查通过`}
        description={`校验时间 ${localTime(report.checkedAt)}${report.headHash ? `；链尾哈希 ${report.headHash}` : ''}`}
      />
    );
  }
  const problems: string[] = [];
  if (report.firstProblem) problems.push(`第 ${report.firstProblem.seq} 条：${report.firstProblem.message}`);
  if (!integrityOk) problems.push(`SQLite 完整性检查：${report.integrity.join('；')}`);
  return (
    <Alert
      type="error"
      showIcon
      closable={closable}
      style={{ marginBottom: 16 }}
      title={report.firstProblem ? `审计链校验未通过：${report.firstProblem.message}` : '审计链校验未通过'}
      description={
        <>
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
          <div>共检查 {report.records} 条记录，校验时间 {localTime(report.checkedAt)}。请立即备份当前账簿文件并联系管理员。</div>
        </>
      }
    />
  );
}
