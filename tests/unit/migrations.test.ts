// Migrations are append-only. tests/fixtures/migrations.lock.json records every released
// migration's checksum: editing, renaming, reordering or removing one fails here. A new
// migration is appended to src/main/core/db/migrations/index.ts and then to the lock file.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { APPLICATION_ID, migrationChecksum, openDatabase } from '../../src/main/core/db/open';
import lock from '../fixtures/migrations.lock.json';
import { tempDir } from '../helpers/core';

describe('migration history', () => {
  it('has not rewritten any released migration', () => {
    for (const locked of lock) {
      const m = MIGRATIONS.find((x) => x.version === locked.version);
      expect(m, `migration ${locked.version} (${locked.name}) was removed`).toBeDefined();
      expect(m!.name, `migration ${locked.version} was renamed`).toBe(locked.name);
      expect(migrationChecksum(m!), `migration ${locked.name} was edited: add a new migration instead`).toBe(locked.sha256);
    }
  });

  it('numbers migrations 1, 2, 3… with every one in the lock file', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(lock.map((l) => l.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('opening a ledger file', () => {
  it('creates a new ledger at the latest version, marked as ours', async () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const { sqlite, migrated, backupPath } = await openDatabase(file);
    expect(migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(backupPath).toBeNull(); // nothing to back up yet
    expect(sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    sqlite.close();
  });

  it('backs the file up before applying a new migration, and the backup holds the old data', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.sqlite');
    const first = await openDatabase(file);
    first.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', '1', 'x')").run();
    first.sqlite.close();

    const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: '9999_test_column', sql: 'ALTER TABLE settings ADD COLUMN note TEXT;' }];
    const second = await openDatabase(file, { migrations: next });
    expect(second.migrated).toEqual([MIGRATIONS.length + 1]);
    expect(second.backupPath).not.toBeNull();
    second.sqlite.close();

    const backup = new Database(second.backupPath!, { readonly: true });
    expect(backup.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: '1' });
    expect(backup.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    backup.close();
  });

  it('refuses a ledger whose applied migration differs from the code (history rewritten)', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    (await openDatabase(file)).sqlite.close();
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(openDatabase(file, { migrations: edited })).rejects.toThrow(/迁移历史被改写/);
  });

  it('refuses a ledger made by a newer version of the program', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: '9999_future', sql: 'CREATE TABLE future (x);' }];
    (await openDatabase(file, { migrations: next })).sqlite.close();
    await expect(openDatabase(file)).rejects.toThrow(/请升级软件/);
  });

  it('refuses a SQLite file that is not a ledger, and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES (\'x\');');
    other.close();
    const before = fs.readFileSync(file);
    await expect(openDatabase(file)).rejects.toThrow(/不是工会经费账簿的账簿文件/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database at all', async () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(file, '这不是数据库文件'.repeat(200));
    await expect(openDatabase(file)).rejects.toThrow(/不是有效的 SQLite 数据库/);
  });
});
