// The annual review report (审查报告): draft, edit, freeze, print. review-and-disclosure.md §4, §8;
// scenario S15. The 经审委员 edits the narrative (stored, audited); freezing stores the canonical
// content (figures + narrative) with its SHA-256, and migration 0009's triggers make the frozen row
// immutable. A posting dated in the year after the freeze (a red reversal, a late voucher) is
// flagged on the frozen report: "冻结后账簿已变动".
import type { Handler, ServiceContext } from '../context';
import { afterCommit, requireUser } from '../context';
import { CoreError } from '../errors';
import { renderDocumentPdf, renderTablesXlsx, type DocBlock, type DocumentModel, type TableDoc } from '../print';
import { chineseDate, safeFilename } from '../reports/common';
import { voucherNo } from '../ledger/common';
import { formatWanYuan, formatYuan } from '../../contract/money';
import {
  REPORT_SECTION_HEADINGS,
  REPORT_SECTIONS,
  type ReportChange,
  type ReportFigures,
  type ReportLine,
  type ReportMeta,
  type ReportSections,
  type ReviewReportView,
} from '../../contract/review-report';
import { canonicalJson, contentHash, sha256Hex } from '../disclosure/canonical';
import { computeReportFigures } from './figures';
import { defaultMeta, defaultSections, figureParagraphs, FINDING_SEVERITY, FINDING_STATUS, moneyIn, type FindingLite } from './text';

interface ReportRow {
  id: number;
  year: number;
  status: 'draft' | 'frozen';
  meta_json: string;
  sections_json: string;
  content_json: string | null;
  content_sha256: string | null;
  updated_at: string;
  updated_name: string;
  frozen_at: string | null;
  frozen_name: string | null;
}

/** What is hashed when the report is frozen. */
export interface FrozenContent {
  year: number;
  meta: ReportMeta;
  sections: ReportSections;
  figures: ReportFigures;
}

const todayInChina = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function loadRow(ctx: ServiceContext, year: number): ReportRow | null {
  return (
    (ctx.db.sqlite
      .prepare(
        `SELECT r.*, coalesce(u.display_name, u.username) AS updated_name, coalesce(f.display_name, f.username) AS frozen_name
         FROM review_reports r JOIN users u ON u.id = r.updated_by LEFT JOIN users f ON f.id = r.frozen_by WHERE r.year = ?`,
      )
      .get(year) as ReportRow | undefined) ?? null
  );
}

/** The review workspace's findings of the year (migration 0008), read-only; none when it is absent. */
function findingsOf(ctx: ServiceContext, year: number): FindingLite[] {
  const has = ctx.db.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_findings'`).get();
  if (!has) return [];
  return ctx.db.sqlite.prepare('SELECT id, severity, title, status, recommendation FROM review_findings WHERE year = ? ORDER BY id').all(year) as FindingLite[];
}

/** Posted vouchers dated in the year whose posting came after the freeze. */
function changesAfter(ctx: ServiceContext, year: number, frozenAt: string, frozenFigures: ReportFigures): ReportChange | null {
  const vs = ctx.db.sqlite
    .prepare(
      `SELECT id, word, number, voucher_date AS date, kind, posted_at AS postedAt FROM vouchers
       WHERE status = 'posted' AND period >= ? AND period <= ? AND posted_at > ? ORDER BY posted_at, id`,
    )
    .all(`${year}-01`, `${year}-12`, frozenAt) as { id: number; word: string; number: number | null; date: string; kind: string; postedAt: string }[];
  const figuresChanged = contentHash(computeReportFigures(ctx, year)) !== contentHash(frozenFigures);
  if (vs.length === 0 && !figuresChanged) return null;
  const list = vs.slice(0, 5).map((v) => `${v.date} ${voucherNo(v.word, v.number)}${v.kind === 'reversal' ? '（红字冲销）' : ''}`);
  const message =
    `冻结后账簿已变动：${vs.length > 0 ? `冻结后又记账 ${vs.length} 张${year}年度凭证（${list.join('、')}${vs.length > 5 ? ' 等' : ''}）` : ''}` +
    `${vs.length > 0 && figuresChanged ? '，' : ''}${figuresChanged ? '按现在的账簿计算的数字与定稿不一致' : '，报告中的数字未受影响'}。`;
  return { vouchers: vs.map((v) => ({ id: v.id, voucherNo: voucherNo(v.word, v.number), date: v.date, kind: v.kind, postedAt: v.postedAt })), figuresChanged, message };
}

export function reportView(ctx: ServiceContext, year: number): ReviewReportView {
  const row = loadRow(ctx, year);
  const findings = findingsOf(ctx, year);
  const findingsView = findings.map((x) => ({ id: x.id, severity: FINDING_SEVERITY[x.severity] ?? x.severity, title: x.title, status: FINDING_STATUS[x.status] ?? x.status }));
  if (row && row.status === 'frozen') {
    const content = JSON.parse(row.content_json!) as FrozenContent;
    return {
      year,
      status: 'frozen',
      meta: content.meta,
      sections: content.sections,
      figures: content.figures,
      findings: findingsView,
      freeze: { sha256: row.content_sha256!, frozenAt: row.frozen_at!, frozenBy: row.frozen_name ?? '', hashOk: sha256Hex(row.content_json!) === row.content_sha256 },
      changedAfterFreeze: changesAfter(ctx, year, row.frozen_at!, content.figures),
      updatedAt: row.updated_at,
      updatedBy: row.updated_name,
    };
  }
  const figures = computeReportFigures(ctx, year);
  const meta = row ? { unit: 'yuan' as const, ...(JSON.parse(row.meta_json) as Partial<ReportMeta>) } as ReportMeta : defaultMeta(year, todayInChina(ctx.now));
  const sections = row ? (JSON.parse(row.sections_json) as ReportSections) : defaultSections(figures, meta, findings);
  return {
    year,
    status: row ? 'draft' : 'none',
    meta,
    sections,
    figures,
    findings: findingsView,
    freeze: null,
    changedAfterFreeze: null,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_name ?? null,
  };
}

function refuseFrozen(row: ReportRow | null, year: number): void {
  if (row?.status === 'frozen') {
    throw new CoreError('CONFLICT', `${year}年度经费审查报告已于 ${row.frozen_at!.slice(0, 10)} 冻结定稿（SHA-256 ${row.content_sha256!.slice(0, 16)}…），不得修改。`);
  }
}

export const getReport: Handler<'reviewReport.get'> = (ctx, input) => reportView(ctx, input.year);

export const saveReportDraft: Handler<'reviewReport.saveDraft'> = (ctx, input) => {
  const user = requireUser(ctx);
  const row = loadRow(ctx, input.year);
  refuseFrozen(row, input.year);
  const at = ctx.now.toISOString();
  const meta = JSON.stringify(input.meta);
  const sections = JSON.stringify(Object.fromEntries(REPORT_SECTIONS.map((k) => [k, input.sections[k]])));
  if (row) {
    ctx.db.sqlite.prepare('UPDATE review_reports SET meta_json = ?, sections_json = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(meta, sections, user.id, at, row.id);
  } else {
    ctx.db.sqlite
      .prepare(`INSERT INTO review_reports (year, status, meta_json, sections_json, created_by, created_at, updated_by, updated_at) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?)`)
      .run(input.year, meta, sections, user.id, at, user.id, at);
  }
  ctx.audit({
    operation: 'reviewReport.saveDraft',
    entity: 'review_report',
    entityId: input.year,
    before: row ? { meta: JSON.parse(row.meta_json) as unknown, sections: JSON.parse(row.sections_json) as unknown } : null,
    after: { meta: input.meta, sections: JSON.parse(sections) as unknown },
  });
  return reportView(ctx, input.year);
};

export const freezeReport: Handler<'reviewReport.freeze'> = (ctx, input) => {
  const user = requireUser(ctx);
  const row = loadRow(ctx, input.year);
  refuseFrozen(row, input.year);
  if (!row) throw new CoreError('VALIDATION', `请先保存${input.year}年度经费审查报告草稿（核对各部分文字）后再冻结定稿。`, { field: 'year' });
  const content: FrozenContent = {
    year: input.year,
    meta: JSON.parse(row.meta_json) as ReportMeta,
    sections: JSON.parse(row.sections_json) as ReportSections,
    figures: computeReportFigures(ctx, input.year),
  };
  const json = canonicalJson(content);
  const sha = sha256Hex(json);
  const at = ctx.now.toISOString();
  ctx.db.sqlite
    .prepare(`UPDATE review_reports SET status = 'frozen', content_json = ?, content_sha256 = ?, frozen_by = ?, frozen_at = ?, updated_by = ?, updated_at = ? WHERE id = ?`)
    .run(json, sha, user.id, at, user.id, at, row.id);
  ctx.audit({ operation: 'reviewReport.freeze', entity: 'review_report', entityId: input.year, after: { sha256: sha, frozenAt: at } });
  return reportView(ctx, input.year);
};

// ---------- print ----------

function figureTable(caption: string, lines: ReportLine[], t: ReviewReportView['figures']['revenue']['total'], wan: boolean): DocBlock {
  const money = (fen: number | null) => (fen === null ? '—' : wan ? formatWanYuan(fen, 2) : formatYuan(fen));
  return {
    kind: 'table',
    caption,
    columns: [
      { header: '项目', width: 2.4 },
      { header: '预算数', width: 1.65, align: 'right' },
      { header: '实际数', width: 1.65, align: 'right' },
      { header: '差额', width: 1.45, align: 'right' },
      { header: '完成率', width: 1.3, align: 'right' },
      { header: '占比', width: 1.35, align: 'right' },
    ],
    rows: [
      ...lines.map((l) => ({
        cells: [`${l.level === 2 ? '　其中：' : ''}${l.name}`, money(l.budgetFen), money(l.actualFen), money(l.differenceFen), l.rateText, l.shareText],
      })),
      { cells: ['合计', money(t.budgetFen), money(t.actualFen), money(t.differenceFen), t.rateText, lines.some((l) => l.shareBp !== null) ? '100.00%' : '—'], bold: true },
    ],
  };
}

export function reportDocument(v: ReviewReportView): DocumentModel {
  const f = v.figures;
  const wan = v.meta.unit === 'wan';
  const unitLabel = wan ? '万元' : '元';
  const gen = figureParagraphs(f, moneyIn(v.meta.unit));
  const blocks: DocBlock[] = [];
  if (v.changedAfterFreeze) blocks.push({ kind: 'note', text: `※ ${v.changedAfterFreeze.message}`, red: true });
  blocks.push({ kind: 'paragraph', text: '各位代表：', indent: false });
  blocks.push({ kind: 'paragraph', text: v.sections.preamble });
  for (const k of REPORT_SECTIONS) {
    if (k === 'preamble' || k === 'closing') continue;
    blocks.push({ kind: 'heading', text: REPORT_SECTION_HEADINGS[k] });
    const g = gen[k];
    if (g) blocks.push({ kind: 'paragraph', text: g });
    if (k === 'revenue') blocks.push(figureTable(`表1　${f.year}年度经费收入预算执行情况（单位：${unitLabel}）`, f.revenue.lines, f.revenue.total, wan));
    if (k === 'expenditure') blocks.push(figureTable(`表2　${f.year}年度经费支出预算执行情况（单位：${unitLabel}）`, f.expenditure.lines, f.expenditure.total, wan));
    if (v.sections[k].trim() !== '') blocks.push({ kind: 'paragraph', text: v.sections[k] });
    if (k === 'expenditure') blocks.push({ kind: 'note', text: `注：${f.roundingNote}${f.budgetLabel ? `预算数为已批准的${f.budgetLabel}。` : '本年度无已批准的预算。'}` });
  }
  if (v.sections.closing.trim() !== '') blocks.push({ kind: 'paragraph', text: v.sections.closing });
  const subtitle = [v.meta.meeting ? `——在${v.meta.meeting}上` : '', v.meta.committee].filter((s) => s !== '');
  return {
    title: `关于${f.unionName}${f.year}年度经费收支情况的审查报告`,
    subtitle,
    blocks,
    // §8: the committee (届) and the date; read by its head.
    signature: [v.meta.committee, `主任（签名）：＿＿＿＿＿＿`, chineseDate(v.meta.reportDate)],
    footer: v.freeze ? `定稿于 ${v.freeze.frozenAt.slice(0, 10)}，内容 SHA-256：${v.freeze.sha256}` : '草稿，未定稿',
    ...(v.freeze ? {} : { watermark: '草稿' }),
  };
}

function scheduleDocs(v: ReviewReportView): TableDoc[] {
  const f = v.figures;
  const doc = (title: string, lines: ReportLine[], t: ReviewReportView['figures']['revenue']['total']): TableDoc => ({
    title,
    unitName: f.unionName,
    period: `${f.year}年度`,
    columns: [
      { header: '科目编码', width: 1 },
      { header: '项目', width: 2.6 },
      { header: '预算数', width: 1.6, kind: 'money' },
      { header: '实际数', width: 1.6, kind: 'money' },
      { header: '差额', width: 1.6, kind: 'money' },
      { header: '完成率', width: 1.1, align: 'right' },
      { header: '占比', width: 1, align: 'right' },
    ],
    rows: [
      ...lines.map((l) => ({ cells: [l.code, `${l.level === 2 ? '　' : ''}${l.name}`, l.budgetFen, l.actualFen, l.differenceFen, l.rateText, l.shareText] })),
      { cells: ['', '合计', t.budgetFen, t.actualFen, t.differenceFen, t.rateText, ''], bold: true, total: true },
    ],
    notes: [`注：${f.roundingNote}`],
  });
  return [doc('经费收入预算执行情况', f.revenue.lines, f.revenue.total), doc('经费支出预算执行情况', f.expenditure.lines, f.expenditure.total)];
}

export const exportReport: Handler<'reviewReport.export'> = (ctx, input) => {
  const v = reportView(ctx, input.year);
  const name = `${input.year}年度经费审查报告${v.freeze ? '' : '-草稿'}`;
  const format = input.format;
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderDocumentPdf(reportDocument(v)) : await renderTablesXlsx(scheduleDocs(v));
    return {
      filename: `${safeFilename(name)}.${format}`,
      mimeType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: file.toString('base64'),
    };
  });
};
