// Kysely builds the queries; better-sqlite3 runs them synchronously.
// Synchronous execution lets a whole service call run inside one better-sqlite3
// transaction (all or nothing) without async interleaving, and keeps bulk paths fast.
// Kysely's documented "split building and execution" setup (DummyDriver) is used.
import type Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InferResult,
} from 'kysely';
import type { DB } from './schema';

export const builder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Param = number | string | bigint | Buffer | null;

function toParams(params: readonly unknown[]): Param[] {
  return params.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p === undefined) return null;
    return p as Param;
  });
}

export class SyncDb {
  readonly q = builder;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly sqlite: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  all<Q extends Compilable<unknown>>(query: Q): InferResult<Q> {
    const c = query.compile();
    return this.prepare(c.sql).all(...toParams(c.parameters)) as InferResult<Q>;
  }

  first<Q extends Compilable<unknown>>(query: Q): InferResult<Q>[number] | undefined {
    const c = query.compile();
    return this.prepare(c.sql).get(...toParams(c.parameters)) as InferResult<Q>[number] | undefined;
  }

  run(query: Compilable<unknown>): Database.RunResult {
    const c = query.compile();
    return this.prepare(c.sql).run(...toParams(c.parameters));
  }

  /** Runs fn in one transaction (BEGIN IMMEDIATE: the single writer takes the lock up front). */
  transaction<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
  }
}
