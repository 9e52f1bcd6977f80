// System settings, stored as JSON per key; defaults from the domain reference.
import type { SyncDb } from '../db/sync-db';
import { settingsSchema, type Settings } from '../../contract/operations';

export const DEFAULT_SETTINGS: Settings = {
  sessionIdleMinutes: 30,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  reviewerExclusion: true,
  preparerReviewsOwn: 'warn',
  levyRetainedPct: 60, // ◐ dues.md §7: provincial, usually 60 %
  generalEquipmentFen: 100_000, // 1000 元, 财会〔2021〕7号 第三十二条
  specialEquipmentFen: 150_000, // 1500 元, 第三十二条
};

export function readSettings(db: SyncDb): Settings {
  const rows = db.all(db.q.selectFrom('settings').select(['key', 'value']));
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (r.key in DEFAULT_SETTINGS) merged[r.key] = JSON.parse(r.value);
  }
  return settingsSchema.parse(merged);
}

export function writeSettings(db: SyncDb, next: Settings, now: Date): void {
  for (const [key, value] of Object.entries(next)) {
    db.run(
      db.q
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value), updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now.toISOString() })),
    );
  }
}
