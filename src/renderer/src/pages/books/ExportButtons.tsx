// 打印 (PDF, through the voucher module's print helper) and 导出 Excel (a download) of the book or
// statement on screen, both through reports.export with the screen's own query.
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ReportsExportInput } from '@contract/reports';
import { call, saveFile } from '../../api';
import { reportError } from '../../lib/errors';
import { openFile } from '../vouchers/print';

/** One report's query: reports.export's input without the output options. */
export type ExportQuery = ReportsExportInput extends infer U ? (U extends unknown ? Omit<U, 'format' | 'paper' | 'orientation'> : never) : never;

export default function ExportButtons({ request, disabled }: { request: ExportQuery; disabled?: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const input = (format: 'pdf' | 'xlsx'): ReportsExportInput => ({ ...request, format });

  const print = () => {
    setBusy('pdf');
    // Straight from the click: the helper opens the tab before its first await.
    openFile(() => call('reports.export', input('pdf')), { print: true })
      .then((shown) => shown === 'download' && message.info('浏览器阻止了新窗口，PDF 已下载。'))
      .catch((err: unknown) => reportError(message, err))
      .finally(() => setBusy(null));
  };
  const excel = async () => {
    setBusy('xlsx');
    try {
      saveFile(await call('reports.export', input('xlsx')));
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space>
      <Button icon={<PrinterOutlined />} loading={busy === 'pdf'} disabled={disabled} onClick={print}>
        打印
      </Button>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={disabled} onClick={() => void excel()}>
        导出 Excel
      </Button>
    </Space>
  );
}
