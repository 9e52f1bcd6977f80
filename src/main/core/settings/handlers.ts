import type { Handler } from '../context';
import { readSettings, writeSettings } from './settings';

export const getSettings: Handler<'settings.get'> = (ctx) => readSettings(ctx.db);

export const updateSettings: Handler<'settings.update'> = (ctx, input) => {
  const before = readSettings(ctx.db);
  writeSettings(ctx.db, input, ctx.now);
  const after = readSettings(ctx.db);
  ctx.audit({ operation: 'settings.update', entity: 'settings', before, after });
  return after;
};
