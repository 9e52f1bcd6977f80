// Below a saved voucher: its links (冲销 / 订正, both ways) and the scanned source documents
// (原始凭证), stored read-only with their SHA-256, uploaded with vouchers.attach.
import { useRef, useState } from 'react';
import { App, Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { VoucherAttachment, VoucherDetail } from '@contract/books';
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT, attachmentTypeOfName } from '@contract/attachments';
import { call } from '../../api';
import { reportError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { openFile } from './print';


function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error(`无法读取文件 ${file.name}`));
    r.readAsDataURL(file);
  });
}

function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

interface Props {
  detail: VoucherDetail;
  canAttach: boolean;
  correctsVoucherId: number | null;
  onOpen: (id: number) => void;
  onChanged: (d: VoucherDetail) => void;
}

export default function VoucherExtras({ detail, canAttach, correctsVoucherId, onOpen, onChanged }: Props) {
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pages, setPages] = useState(1);
  const [busy, setBusy] = useState(false);

  const link = (id: number, text: string) => (
    <Button key={`${text}-${id}`} type="link" size="small" onClick={() => onOpen(id)}>
      {text}
    </Button>
  );
  const links = [
    ...(detail.reversesVoucherId ? [link(detail.reversesVoucherId, `冲销凭证 #${detail.reversesVoucherId}`)] : []),
    ...detail.reversedBy.map((id) => link(id, `被凭证 #${id} 冲销`)),
    ...(correctsVoucherId ? [link(correctsVoucherId, `订正凭证 #${correctsVoucherId}`)] : []),
    ...detail.correctedBy.map((id) => link(id, `被凭证 #${id} 订正`)),
  ];

  const upload = async (file: File) => {
    const mimeType = attachmentTypeOfName(file.name);
    if (!mimeType) {
      message.error(`原始凭证只接受${ATTACHMENT_TYPES_TEXT}。`);
      return;
    }
    setBusy(true);
    try {
      const d = await call('vouchers.attach', { id: detail.id, filename: file.name, mimeType, base64: await readBase64(file), pages });
      message.success(`已上传 ${file.name}（${pages} 张）`);
      onChanged(d);
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(false);
    }
  };

  const open = (a: VoucherAttachment) => {
    openFile(() => call('vouchers.attachment', { attachmentId: a.id }), { print: false }).catch((err: unknown) => reportError(message, err));
  };

  const pagesTotal = detail.files.reduce((s, f) => s + f.pages, 0);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }} size={16}>
      <Card size="small" title="关联凭证">
        {links.length > 0 ? <Space wrap>{links}</Space> : <Typography.Text type="secondary">无</Typography.Text>}
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          凭证内部编号 #{detail.id}
        </Typography.Text>
      </Card>
      <Card
        size="small"
        title={
          <span>
            <PaperClipOutlined /> 原始凭证附件（已上传 {pagesTotal} 张，凭证填写 {detail.attachments} 张）
          </span>
        }
        extra={
          canAttach && (
            <Space>
              <span>张数</span>
              <InputNumber aria-label="本文件张数" size="small" min={1} max={999} precision={0} value={pages} onChange={(n) => setPages(n ?? 1)} style={{ width: 64 }} />
              <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => fileInput.current?.click()}>
                上传原始凭证
              </Button>
              <input
                ref={fileInput}
                type="file"
                hidden
                accept={ATTACHMENT_ACCEPT}
                aria-label="选择原始凭证文件"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void upload(f);
                }}
              />
            </Space>
          )
        }
      >
        <Table<VoucherAttachment>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={detail.files}
          locale={{ emptyText: '尚未上传原始凭证' }}
          columns={[
            { title: '文件', dataIndex: 'filename', render: (v: string, a) => <a onClick={() => open(a)}>{v}</a> },
            { title: '张数', dataIndex: 'pages', width: 70 },
            { title: '大小', dataIndex: 'size', width: 100, render: (n: number) => size(n) },
            { title: 'SHA-256', dataIndex: 'sha256', width: 150, render: (h: string) => <Typography.Text code title={h}>{h.slice(0, 12)}…</Typography.Text> },
            { title: '上传时间', dataIndex: 'addedAt', width: 170, render: (v: string) => localTime(v) },
            { title: '', key: 'open', width: 70, render: (_: unknown, a) => <Button size="small" onClick={() => open(a)}>查看</Button> },
          ]}
        />
      </Card>
    </Space>
  );
}
