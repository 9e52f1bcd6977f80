// 打印 (PDF) and 导出 Excel of the book or statement on screen go through reports.export, which
// is not in the contract yet: until it is, this shows nothing rather than a button that fails.
/** One report's query, as reports.export will take it (the read operation's input). */
export type ExportQuery =
  | { report: 'trialBalance'; from: string; to: string; includeZero?: boolean }
  | { report: 'generalLedger'; accountCode: string; year: number }
  | { report: 'detailLedger'; accountCode: string; from: string; to: string }
  | { report: 'journal'; kind: 'cash' | 'bank'; accountCode?: string; from: string; to: string }
  | { report: 'balanceSheet'; period: string; annual?: boolean }
  | { report: 'incomeStatement'; period: string; annual?: boolean };

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export default function ExportButtons(_props: { request: ExportQuery; disabled?: boolean }) {
  return null;
}
