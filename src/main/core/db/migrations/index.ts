// The ordered list of migrations. Append only: a new schema change is a new entry at the end.
import { sql as m0001 } from './0001_foundation';
import { sql as m0002 } from './0002_books';
import { sql as m0003 } from './0003_entries';
import { sql as m0004 } from './0004_members';
import { sql as m0005 } from './0005_budgets';
import { sql as m0006 } from './0006_spending';
import { sql as m0007 } from './0007_hardship';
import { sql as m0008 } from './0008_review';
import { sql as m0009 } from './0009_disclosure';
import { sql as m0010 } from './0010_balances';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001_foundation', sql: m0001 },
  { version: 2, name: '0002_books', sql: m0002 },
  { version: 3, name: '0003_entries', sql: m0003 },
  { version: 4, name: '0004_members', sql: m0004 },
  { version: 5, name: '0005_budgets', sql: m0005 },
  { version: 6, name: '0006_spending', sql: m0006 },
  { version: 7, name: '0007_hardship', sql: m0007 },
  { version: 8, name: '0008_review', sql: m0008 },
  { version: 9, name: '0009_disclosure', sql: m0009 },
  { version: 10, name: '0010_balances', sql: m0010 },
];
