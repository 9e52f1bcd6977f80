// 打印 (PDF, shown or printed through the print helper) and 导出 Excel (a download) of whatever the
// screen shows; `file(format)` asks the core for it. Long exports say what they are doing.
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import type { FileResult } from '@contract/op';
import { saveFile } from '../api';
import { reportError } from './errors';
import { openFile } from '../pages/vouchers/print';

export default function PrintExportButtons({ file, disabled }: { file: (format: 'pdf' | 'xlsx') => Promise<FileResult>; disabled?: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const print = () => {
    setBusy('pdf');
    // Straight from the click: the helper opens the tab before its first await.
    openFile(() => file('pdf'), { print: true })
      .then((shown) => shown === 'download' && message.info('浏览器阻止了新窗口，PDF 已下载。'))
      .catch((err: unknown) => reportError(message, err))
      .finally(() => setBusy(null));
  };
  const excel = async () => {
    setBusy('xlsx');
    try {
      saveFile(await file('xlsx'));
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space>
      {busy && <span className="ulm-busy-inline">{busy === 'pdf' ? '正在生成 PDF…' : '正在生成 Excel…'}</span>}
      <Button icon={<PrinterOutlined />} loading={busy === 'pdf'} disabled={disabled || busy !== null} onClick={print}>
        打印
      </Button>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={disabled || busy !== null} onClick={() => void excel()}>
        导出 Excel
      </Button>
    </Space>
  );
}
