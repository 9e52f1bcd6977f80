// 导入 and 导出: the template; a file (.xlsx or CSV) is previewed first — every problem with its row,
// column and reason, each row tagged 新增/更新/不变 — and imported only when the whole file is
// accepted (importCommit is sent the preview's sha256); then what changed. 导出名册 masks 身份证号
// and 银行账号 unless asked, and the ask is audited.
import { useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Result, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportAction, ImportPreview, ImportProblem, ImportRowPreview, ImportSummary } from '@contract/members';
import { call, saveFile } from '../../api';
import { errorMessage, reportError } from '../../lib/errors';
import { Busy, readBase64, Section } from './common';

const ACTION_COLOR: Record<ImportAction, string> = { 新增: 'green', 更新: 'blue', 不变: 'default' };

interface Loaded {
  filename: string;
  base64: string;
  preview: ImportPreview;
}

export default function ImportTab({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [reveal, setReveal] = useState(false);
  const [exporting, setExporting] = useState(false);

  const template = async () => {
    try {
      saveFile(await call('members.importTemplate', {}));
    } catch (err) {
      reportError(message, err);
    }
  };

  const choose = async (file: File) => {
    setLoaded(null);
    setSummary(null);
    setFileError(null);
    setBusy('正在解析…');
    try {
      const base64 = await readBase64(file);
      const preview = await call('members.importPreview', { filename: file.name, base64 });
      setLoaded({ filename: file.name, base64, preview });
    } catch (err) {
      setFileError(errorMessage(err));
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  const commit = async () => {
    if (!loaded) return;
    setBusy('正在导入…');
    try {
      const s = await call('members.importCommit', { filename: loaded.filename, base64: loaded.base64, expectedSha256: loaded.preview.sha256 });
      setSummary(s);
      setLoaded(null);
    } catch (err) {
      setFileError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const exportRoster = async () => {
    setExporting(true);
    try {
      saveFile(await call('members.exportExcel', { reveal: reveal || undefined }));
    } catch (err) {
      reportError(message, err);
    } finally {
      setExporting(false);
    }
  };

  const p = loaded?.preview;
  return (
    <div>
      {canWrite && (
        <Section
          title="导入会员名册"
          extra={
            <Button icon={<DownloadOutlined />} onClick={() => void template()}>
              下载模板
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">
            支持 .xlsx 和 CSV（UTF-8 或 GB18030）。按工号匹配：已有的会员更新，没有的新增，不会重复。先预览，整个文件没有问题才会导入；有任何一行出错则什么都不写入。
          </Typography.Paragraph>
          <Space>
            <input
              ref={input}
              type="file"
              accept=".xlsx,.csv,.xls,.et"
              aria-label="选择导入文件"
              style={{ display: 'none' }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void choose(f);
              }}
            />
            <Button icon={<UploadOutlined />} disabled={busy !== null} onClick={() => input.current?.click()}>
              选择文件…
            </Button>
            {loaded && <span>{loaded.filename}</span>}
          </Space>
          {busy && <Busy text={busy} />}
          {fileError && <Alert type="error" showIcon className="ulm-gap" title="无法导入此文件" description={fileError} />}
          {p && <PreviewView preview={p} onCommit={() => void commit()} busy={busy !== null} />}
          {summary && (
            <Result
              status="success"
              title={`已导入“${summary.filename}”`}
              subTitle="导入结果"
              extra={
                <Descriptions size="small" bordered column={5} aria-label="导入结果" className="ulm-summary">
                  <Descriptions.Item label="新增">{summary.added}</Descriptions.Item>
                  <Descriptions.Item label="更新">{summary.updated}</Descriptions.Item>
                  <Descriptions.Item label="不变">{summary.unchanged}</Descriptions.Item>
                  <Descriptions.Item label="状态变更">{summary.statusChanges}</Descriptions.Item>
                  <Descriptions.Item label="新建小组">{summary.newGroups.length ? summary.newGroups.join('、') : '无'}</Descriptions.Item>
                </Descriptions>
              }
            />
          )}
        </Section>
      )}
      <Section title="导出名册">
        <Space orientation="vertical">
          <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>
            包含完整身份证号和银行账号
          </Checkbox>
          {reveal && <Alert type="warning" showIcon title="导出完整的身份证号和银行账号会记入审计日志。请妥善保管导出的文件。" />}
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportRoster()}>
            导出名册
          </Button>
        </Space>
      </Section>
    </div>
  );
}

function PreviewView({ preview: p, onCommit, busy }: { preview: ImportPreview; onCommit: () => void; busy: boolean }) {
  return (
    <div className="ulm-gap">
      <Descriptions size="small" column={6} bordered aria-label="预览统计">
        <Descriptions.Item label="文件">
          {p.format === 'csv' ? `CSV（${p.encoding ?? ''}）` : `Excel${p.sheetName ? `（工作表“${p.sheetName}”）` : ''}`}
        </Descriptions.Item>
        <Descriptions.Item label="数据行">{p.counts.rows}</Descriptions.Item>
        <Descriptions.Item label="新增">{p.counts.added}</Descriptions.Item>
        <Descriptions.Item label="更新">{p.counts.updated}</Descriptions.Item>
        <Descriptions.Item label="不变">{p.counts.unchanged}</Descriptions.Item>
        <Descriptions.Item label="有问题的行">{p.counts.invalidRows}</Descriptions.Item>
      </Descriptions>
      {p.problems.length > 0 ? (
        <div className="ulm-problems">
          <Alert
            type="error"
            showIcon
            title={`发现 ${p.problems.length} 个问题（${p.counts.invalidRows} 行），整个文件不能导入`}
            description="请在原文件中改正下列各处后重新选择文件。改正之前不会写入任何数据。"
          />
          <div role="region" aria-label="问题清单">
          <Table<ImportProblem & { key: number }>
            size="small"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={p.problems.map((x, i) => ({ ...x, key: i }))}
            columns={[
              { title: '行', dataIndex: 'row', width: 70, render: (r: number | null) => (r === null ? '整个文件' : r) },
              { title: '列', dataIndex: 'column', width: 110, render: (c: string | null) => c ?? '' },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
          </div>
        </div>
      ) : (
        <Alert type="success" showIcon className="ulm-gap" title={`检查通过：共 ${p.counts.rows} 行，可以导入`} />
      )}
      {p.newGroups.length > 0 && <Alert type="info" showIcon className="ulm-gap" title={`将新建工会小组：${p.newGroups.join('、')}`} />}
      <div className="ulm-commit">
        <Button type="primary" disabled={!p.ok || busy} onClick={onCommit}>
          导入
        </Button>
        {!p.ok && <Typography.Text type="danger">改正全部问题后才能导入</Typography.Text>}
      </div>
      <Table<ImportRowPreview>
        aria-label="导入预览"
        size="small"
        rowKey="row"
        dataSource={p.rows}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 行` }}
        rowClassName={(r) => (r.action === null ? 'ulm-bad-row' : '')}
        columns={[
          { title: '行', dataIndex: 'row', width: 70 },
          { title: '工号', dataIndex: 'employeeNo', width: 110 },
          { title: '姓名', dataIndex: 'name', width: 110 },
          {
            title: '处理',
            dataIndex: 'action',
            width: 90,
            render: (a: ImportAction | null) => (a ? <Tag color={ACTION_COLOR[a]}>{a}</Tag> : <Tag color="red">有问题</Tag>),
          },
          { title: '变更的列', dataIndex: 'changed', render: (c: string[]) => c.join('、') },
        ]}
      />
    </div>
  );
}
