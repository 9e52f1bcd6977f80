// Public disclosure (公示): preview, print for a notice board (A4 portrait or A3 landscape, large type)
// and Excel, publication as an immutable snapshot (content JSON + SHA-256, who, when, where; the
// triggers of migration 0009 refuse UPDATE and DELETE), the list of publications, and re-printing a
// publication exactly as it was posted. review-and-disclosure.md §7, §7.1, §8; scenario S15.
import type { Handler, ServiceContext } from '../context';
import { afterCommit, requireUser } from '../context';
import { CoreError } from '../errors';
import { renderTablesPdf, renderTablesXlsx, type Column, type Row, type TableDoc } from '../print';
import { chineseDate, safeFilename } from '../reports/common';
import { disclosureSettingsSchema, type DisclosureContent, type DisclosureLayout, type DisclosurePublication, type DisclosurePublicationDetail, type DisclosureSettings } from '../../contract/disclosure';
import { canonicalJson, contentHash, sha256Hex } from './canonical';
import { computeDisclosure } from './compute';

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

const INDENT = ['', '　　', '　　　　'];

/**
 * The notice-board print: large type (fontScale) on A4 portrait or A3 landscape. 本年预算 / 执行率 and
 * 上年同期 are left out when the whole column is empty (no approved budget; the first fiscal year), so
 * the type can stay large; a note says why.
 */
export function disclosureDoc(c: DisclosureContent, layout: DisclosureLayout, extraNotes: string[] = [], signDate?: string): TableDoc {
  const a3 = layout === 'A3-landscape';
  const hasBudget = c.rows.some((r) => r.budgetFen !== null);
  const hasPrior = c.rows.some((r) => r.priorFen !== null);
  const columns: Column[] = [{ header: '项目', width: a3 ? 3.2 : hasBudget && hasPrior ? 3 : 3.4 }, { header: '本期金额', width: 1.7, kind: 'money' }];
  if (hasBudget) columns.push({ header: '本年预算', width: 1.7, kind: 'money' }, { header: '执行率%', width: 1.4, align: 'right' });
  if (hasPrior) columns.push({ header: '上年同期', width: 1.7, kind: 'money' });
  columns.push({ header: '说明', width: a3 ? 3.4 : hasBudget || hasPrior ? 2.3 : 3.6, maxLines: 3 });
  const rows: Row[] = c.rows.map((r) => ({
    cells: [
      `${INDENT[r.level]}${r.label}`,
      r.amountFen,
      ...(hasBudget ? [r.budgetFen, r.rateText] : []),
      ...(hasPrior ? [r.priorFen] : []),
      r.note,
    ],
    bold: r.level === 0,
  }));
  return {
    title: c.title,
    unitName: c.unionName,
    period: `公示期间：${chineseDate(c.from)}至${chineseDate(c.to)}`,
    unitLabel: c.unitLabel,
    columns,
    rows,
    notes: [...c.notes, ...extraNotes],
    signatures: [...c.signatures],
    signDate: signDate ?? '',
    paper: a3 ? 'A3' : 'A4',
    orientation: a3 ? 'landscape' : 'portrait',
    // Large type for a notice board (§7 "Prints for a notice board … large type").
    fontScale: a3 ? 1.6 : 1.3,
    sheetName: '经费收支公示',
  };
}

function toFile(doc: TableDoc, name: string, format: 'pdf' | 'xlsx') {
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderTablesPdf([doc]) : await renderTablesXlsx([doc]);
    return { filename: `${safeFilename(name)}.${format}`, mimeType: MIME[format], base64: file.toString('base64') };
  });
}

const todayInChina = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const previewDisclosure: Handler<'disclosure.preview'> = (ctx, input) => computeDisclosure(ctx, input.period, input.opinion);

export const exportDisclosure: Handler<'disclosure.export'> = (ctx, input) => {
  const c = computeDisclosure(ctx, input.period, input.opinion);
  const doc = disclosureDoc(c, input.layout, ['本件为预览稿，尚未发布。'], `日期：${chineseDate(todayInChina(ctx.now))}`);
  return toFile(doc, `${c.title}-预览`, input.format);
};

interface PublicationRow {
  id: number;
  year: number;
  kind: DisclosurePublication['kind'];
  part: number | null;
  period_label: string;
  title: string;
  posted_where: string;
  posted_on: string;
  content_json: string;
  content_sha256: string;
  published_at: string;
  publisher: string;
}

const SELECT = `SELECT d.*, coalesce(u.display_name, u.username) AS publisher FROM disclosures d JOIN users u ON u.id = d.published_by`;

function summary(r: PublicationRow): DisclosurePublication {
  return {
    id: r.id,
    year: r.year,
    kind: r.kind,
    part: r.part,
    periodLabel: r.period_label,
    title: r.title,
    postedWhere: r.posted_where,
    postedOn: r.posted_on,
    sha256: r.content_sha256,
    publishedBy: r.publisher,
    publishedAt: r.published_at,
  };
}

/** The figures part of the content: what a later posting would change. */
const figuresOf = (c: DisclosureContent) => ({ rows: c.rows, totals: c.totals, aid: c.aid });

function detail(ctx: ServiceContext, r: PublicationRow): DisclosurePublicationDetail {
  const content = JSON.parse(r.content_json) as DisclosureContent;
  const now = computeDisclosure(ctx, { year: content.year, kind: content.kind, part: content.part ?? undefined }, content.opinion);
  return {
    ...summary(r),
    content,
    hashOk: sha256Hex(r.content_json) === r.content_sha256,
    booksChanged: contentHash(figuresOf(now)) !== contentHash(figuresOf(content)),
  };
}

function loadPublication(ctx: ServiceContext, id: number): PublicationRow {
  const r = ctx.db.sqlite.prepare(`${SELECT} WHERE d.id = ?`).get(id) as PublicationRow | undefined;
  if (!r) throw new CoreError('NOT_FOUND', `公示 #${id} 不存在。`, { field: 'id' });
  return r;
}

export const publishDisclosure: Handler<'disclosure.publish'> = (ctx, input) => {
  const user = requireUser(ctx);
  const c = computeDisclosure(ctx, input.period, input.opinion);
  if (input.postedOn < c.from) {
    throw new CoreError('VALIDATION', `公示日期 ${input.postedOn} 早于公示期间（${c.periodLabel}）的开始。`, { field: 'postedOn' });
  }
  // The stored text is the canonical JSON: its SHA-256 is the hash of the content itself.
  const json = canonicalJson(c);
  const sha = sha256Hex(json);
  const at = ctx.now.toISOString();
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `INSERT INTO disclosures (year, kind, part, period_from, period_to, period_label, title, posted_where, posted_on, content_json, content_sha256, published_by, published_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.year, c.kind, c.part, c.from, c.to, c.periodLabel, c.title, input.postedWhere, input.postedOn, json, sha, user.id, at).lastInsertRowid,
  );
  ctx.audit({
    operation: 'disclosure.publish',
    entity: 'disclosure',
    entityId: id,
    after: { period: c.periodLabel, postedWhere: input.postedWhere, postedOn: input.postedOn, sha256: sha, revenueFen: c.totals.revenueFen, expenditureFen: c.totals.expenditureFen },
  });
  return detail(ctx, loadPublication(ctx, id));
};

export const listDisclosures: Handler<'disclosure.list'> = (ctx, input) => {
  const rows = (
    input.year === undefined
      ? ctx.db.sqlite.prepare(`${SELECT} ORDER BY d.id DESC`).all()
      : ctx.db.sqlite.prepare(`${SELECT} WHERE d.year = ? ORDER BY d.id DESC`).all(input.year)
  ) as PublicationRow[];
  return rows.map(summary);
};

export const getDisclosure: Handler<'disclosure.get'> = (ctx, input) => detail(ctx, loadPublication(ctx, input.id));

export const reprintDisclosure: Handler<'disclosure.reprint'> = (ctx, input) => {
  const r = loadPublication(ctx, input.id);
  if (sha256Hex(r.content_json) !== r.content_sha256) {
    throw new CoreError('CONFLICT', `公示 #${r.id} 的内容与发布时记录的 SHA-256 不符，已拒绝重印。`);
  }
  const c = JSON.parse(r.content_json) as DisclosureContent;
  const doc = disclosureDoc(c, input.layout, [`发布记录 #${r.id}：${chineseDate(r.posted_on)}于${r.posted_where}公示；内容 SHA-256：${r.content_sha256}`], `公示日期：${chineseDate(r.posted_on)}`);
  return toFile(doc, `${c.title}-第${r.id}号`, input.format);
};

// ---------- settings (own key in the settings table) ----------

const FREQUENCY_KEY = 'disclosure.frequency';
export const DEFAULT_DISCLOSURE_SETTINGS: DisclosureSettings = { frequency: 'year' };

export function readDisclosureSettings(ctx: ServiceContext): DisclosureSettings {
  const raw = ctx.db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(FREQUENCY_KEY) as string | undefined;
  const parsed = disclosureSettingsSchema.safeParse({ frequency: raw === undefined ? undefined : (JSON.parse(raw) as unknown) });
  return parsed.success ? parsed.data : DEFAULT_DISCLOSURE_SETTINGS;
}

export const getDisclosureSettings: Handler<'disclosure.settings.get'> = (ctx) => readDisclosureSettings(ctx);

export const updateDisclosureSettings: Handler<'disclosure.settings.update'> = (ctx, input) => {
  const before = readDisclosureSettings(ctx);
  ctx.db.sqlite
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(FREQUENCY_KEY, JSON.stringify(input.frequency), ctx.now.toISOString());
  const after = readDisclosureSettings(ctx);
  ctx.audit({ operation: 'disclosure.settings.update', entity: 'settings', entityId: 'disclosure', before, after });
  return after;
};
