// Voucher sampling for the 经审会 (review-and-disclosure.md §3: the method "看、查、听"; the
// committee checks "quality of source documents" on the vouchers). Reproducible: the population
// is the year's posted vouchers (closing vouchers excluded) in book order, every voucher whose
// amount reaches the threshold is taken, and below it each amount stratum gets a random draw of
// its size from a seeded generator (xoroshiro128+ of pure-rand, one stream across the strata in
// order, partial Fisher–Yates). The seed is recorded with the sample, so anyone can draw again
// with the same seed and get the same vouchers as long as the population has not changed; the
// population's SHA-256 is recorded too, and a later change to it is shown on the sample.
import { createHash, randomInt } from 'node:crypto';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import { requireUser } from '../context';
import { CoreError } from '../errors';
import { formatYuan } from '../../contract/money';
import { MAX_SEED, type SampleItem, type SampleStratum, type SampleSummary, type SampleView, type StratumInput } from '../../contract/review';
import { factsNo, postedVouchersOfYear, userNames, vouchersByIds, type VoucherFacts } from './common';

export interface Drawn {
  voucherId: number;
  stratum: number;
  amountFen: number;
}

export const OVER_THRESHOLD = -1;

/** The amount a voucher is stratified by: its total, as a magnitude (a red reversal counts by its size). */
const sizeOf = (v: { amountFen: number }) => Math.abs(v.amountFen);

export function stratumLabel(s: StratumInput, thresholdFen: number): string {
  const y = (f: number) => formatYuan(f, { thousands: true });
  const max = s.maxFen === null ? thresholdFen : Math.min(s.maxFen, thresholdFen);
  return s.minFen === 0 ? `${y(max)} 元以下` : `${y(s.minFen)}～${y(max)} 元`;
}

function validateStrata(strata: readonly StratumInput[], thresholdFen: number): void {
  strata.forEach((s, i) => {
    const field = `strata.${i}`;
    if (s.maxFen !== null && s.maxFen <= s.minFen) throw new CoreError('VALIDATION', `第 ${i + 1} 层的上限应大于下限。`, { field });
    if (s.minFen >= thresholdFen) throw new CoreError('VALIDATION', `第 ${i + 1} 层的下限 ${formatYuan(s.minFen)} 元已达到必抽金额 ${formatYuan(thresholdFen)} 元，该层凭证将全部抽取，请调整分层或必抽金额。`, { field });
    const next = strata[i + 1];
    if (next && next.minFen < (s.maxFen ?? thresholdFen)) throw new CoreError('VALIDATION', `第 ${i + 1} 层与第 ${i + 2} 层的金额区间重叠，请按金额从小到大、互不重叠地设置分层。`, { field });
  });
}

/** Which stratum a voucher below the threshold falls in; null: in none (a gap between strata). */
function stratumOf(strata: readonly StratumInput[], thresholdFen: number, amount: number): number | null {
  if (amount >= thresholdFen) return OVER_THRESHOLD;
  const i = strata.findIndex((s) => amount >= s.minFen && (s.maxFen === null || amount < s.maxFen));
  return i < 0 ? null : i;
}

export function populationHash(population: readonly { id: number; amountFen: number }[]): string {
  return createHash('sha256').update(JSON.stringify(population.map((v) => [v.id, v.amountFen]))).digest('hex');
}

/** The draw itself: a pure function of the population (in book order), the seed, the threshold and the strata. */
export function drawSample(population: readonly { id: number; amountFen: number }[], seed: number, thresholdFen: number, strata: readonly StratumInput[]): Drawn[] {
  const rng = xoroshiro128plus(seed);
  const out: Drawn[] = [];
  const groups = strata.map(() => [] as { id: number; amountFen: number }[]);
  for (const v of population) {
    const s = stratumOf(strata, thresholdFen, sizeOf(v));
    if (s === OVER_THRESHOLD) out.push({ voucherId: v.id, stratum: OVER_THRESHOLD, amountFen: v.amountFen });
    else if (s !== null) groups[s]!.push(v);
  }
  strata.forEach((s, i) => {
    const pool = [...groups[i]!];
    const n = Math.min(s.size, pool.length);
    for (let k = 0; k < n; k++) {
      const j = uniformInt(rng, k, pool.length - 1);
      [pool[k], pool[j]] = [pool[j]!, pool[k]!];
      out.push({ voucherId: pool[k]!.id, stratum: i, amountFen: pool[k]!.amountFen });
    }
  });
  return out;
}

interface SampleRow {
  id: number;
  year: number;
  seed: number;
  threshold_fen: number;
  strata_json: string;
  population_count: number;
  population_total_fen: number;
  population_sha256: string;
  note: string | null;
  created_by: number;
  created_at: string;
}

function strataOf(row: SampleRow): StratumInput[] {
  return JSON.parse(row.strata_json) as StratumInput[];
}

export function sampleView(db: SyncDb, id: number): SampleView {
  const row = db.sqlite.prepare('SELECT * FROM review_samples WHERE id = ?').get(id) as SampleRow | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `抽样记录 ${id} 不存在。`, { field: 'id' });
  const strata = strataOf(row);
  const drawn = db.sqlite.prepare('SELECT voucher_id, stratum, amount_fen FROM review_sample_items WHERE sample_id = ?').all(id) as { voucher_id: number; stratum: number; amount_fen: number }[];
  const facts = vouchersByIds(db, drawn.map((d) => d.voucher_id));
  const population = postedVouchersOfYear(db, row.year);
  const labels = strata.map((s) => stratumLabel(s, row.threshold_fen));
  const thresholdLabel = `${formatYuan(row.threshold_fen)} 元及以上（全部抽取）`;
  const items: SampleItem[] = drawn
    .map((d) => {
      const v = facts.get(d.voucher_id)!;
      return {
        voucherId: d.voucher_id,
        voucherNo: factsNo(v),
        date: v.date,
        summary: v.summary,
        amountFen: d.amount_fen,
        stratum: d.stratum,
        stratumLabel: d.stratum === OVER_THRESHOLD ? thresholdLabel : (labels[d.stratum] ?? ''),
        attachments: v.attachments,
      };
    })
    .sort((a, b) => (a.date === b.date ? a.voucherId - b.voucherId : a.date < b.date ? -1 : 1));
  const inStratum = (i: number) => population.filter((v) => stratumOf(strata, row.threshold_fen, sizeOf(v)) === i);
  const stratumViews: SampleStratum[] = strata.map((s, i) => {
    const pop = inStratum(i);
    const mine = drawn.filter((d) => d.stratum === i);
    return {
      ...s,
      label: labels[i]!,
      populationCount: pop.length,
      populationFen: pop.reduce((t, v) => t + sizeOf(v), 0),
      drawn: mine.length,
      drawnFen: mine.reduce((t, d) => t + Math.abs(d.amount_fen), 0),
    };
  });
  const over = drawn.filter((d) => d.stratum === OVER_THRESHOLD);
  return {
    id: row.id,
    year: row.year,
    seed: row.seed,
    thresholdFen: row.threshold_fen,
    strata: stratumViews,
    overThreshold: { count: over.length, amountFen: over.reduce((t, d) => t + Math.abs(d.amount_fen), 0) },
    populationCount: row.population_count,
    populationFen: row.population_total_fen,
    populationSha256: row.population_sha256,
    populationChanged: populationHash(population) !== row.population_sha256,
    note: row.note,
    createdBy: userNames(db).get(row.created_by) ?? `#${row.created_by}`,
    createdAt: row.created_at,
    items,
  };
}

export const drawSampleHandler: Handler<'review.samples.draw'> = (ctx, input) => {
  const user = requireUser(ctx);
  validateStrata(input.strata, input.thresholdFen);
  const population: VoucherFacts[] = postedVouchersOfYear(ctx.db, input.year);
  if (population.length === 0) throw new CoreError('NOT_FOUND', `${input.year}年度没有已记账的凭证，无法抽样。`, { field: 'year' });
  const seed = input.seed ?? randomInt(0, MAX_SEED + 1);
  const drawn = drawSample(population, seed, input.thresholdFen, input.strata);
  const total = population.reduce((t, v) => t + sizeOf(v), 0);
  const hash = populationHash(population);
  const { lastInsertRowid } = ctx.db.sqlite
    .prepare(
      `INSERT INTO review_samples (year, seed, threshold_fen, strata_json, population_count, population_total_fen, population_sha256, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.year, seed, input.thresholdFen, JSON.stringify(input.strata), population.length, total, hash, input.note, user.id, ctx.now.toISOString());
  const id = Number(lastInsertRowid);
  const ins = ctx.db.sqlite.prepare('INSERT INTO review_sample_items (sample_id, voucher_id, stratum, amount_fen) VALUES (?, ?, ?, ?)');
  for (const d of drawn) ins.run(id, d.voucherId, d.stratum, d.amountFen);
  ctx.audit({
    operation: 'review.samples.draw',
    entity: 'review_sample',
    entityId: id,
    after: { year: input.year, seed, thresholdFen: input.thresholdFen, strata: input.strata, populationCount: population.length, populationSha256: hash, vouchers: drawn.map((d) => d.voucherId) },
  });
  return sampleView(ctx.db, id);
};

export const getSample: Handler<'review.samples.get'> = (ctx, input) => sampleView(ctx.db, input.id);

export const listSamples: Handler<'review.samples.list'> = (ctx, input) => {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT s.*, (SELECT count(*) FROM review_sample_items i WHERE i.sample_id = s.id) AS item_count FROM review_samples s
       ${input.year === undefined ? '' : 'WHERE s.year = ?'} ORDER BY s.id DESC`,
    )
    .all(...(input.year === undefined ? [] : [input.year])) as (SampleRow & { item_count: number })[];
  const names = userNames(ctx.db);
  return rows.map(
    (r): SampleSummary => ({
      id: r.id,
      year: r.year,
      seed: r.seed,
      thresholdFen: r.threshold_fen,
      itemCount: r.item_count,
      populationCount: r.population_count,
      createdBy: names.get(r.created_by) ?? `#${r.created_by}`,
      createdAt: r.created_at,
    }),
  );
};
