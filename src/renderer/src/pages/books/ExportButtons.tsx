// 打印 (PDF, through the voucher module's print helper) and 导出 Excel (a download) of the book or
// statement on screen, both through reports.export with the screen's own query.
import type { ReportsExportInput } from '@contract/reports';
import { call } from '../../api';
import PrintExportButtons from '../../lib/PrintExportButtons';

/** One report's query: reports.export's input without the output options. */
export type ExportQuery = ReportsExportInput extends infer U ? (U extends unknown ? Omit<U, 'format' | 'paper' | 'orientation'> : never) : never;

export default function ExportButtons({ request, disabled }: { request: ExportQuery; disabled?: boolean }) {
  return <PrintExportButtons file={(format) => call('reports.export', { ...request, format } as ReportsExportInput)} disabled={disabled} />;
}
