// 0002: the books under 财会〔2021〕7号: chart of accounts, periods, vouchers and their lines,
// attachments stored by SHA-256, per-account per-period balances kept by the database.
// APPEND-ONLY: never edit once committed; add a new migration.
//
// Immutability is enforced here as well as in the services (财会〔2013〕20号 第十条: no deleting,
// inserting or changing posted vouchers): a posted voucher, its lines and attachments cannot be
// updated or deleted; a voucher is only ever inserted as a draft and reaches 'posted' through
// one status change, which is also what adds it to ledger_balances.
import { CHART_2021 } from '../../books/chart-2021';

const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

const chartInserts = CHART_2021.map(
  (a) =>
    `INSERT INTO accounts (code, name, parent_code, element, normal_side, journal, scope, prescribed, enabled, dims, close_special, close_general, created_at) VALUES (${[
      q(a.code),
      q(a.name),
      q(a.parent),
      q(a.element),
      q(a.side),
      q(a.journal ?? null),
      q(a.scope),
      '1',
      a.scope === 'grassroots' ? '1' : '0',
      q(JSON.stringify(a.dims ?? [])),
      q(a.closeSpecial ?? null),
      q(a.closeGeneral ?? null),
      q('2022-01-01T00:00:00.000Z'),
    ].join(', ')});`,
).join('\n');

export const sql = `
CREATE TABLE accounts (
  code TEXT PRIMARY KEY CHECK (code GLOB '[1-5][0-9]*' AND length(code) >= 3),
  name TEXT NOT NULL,
  parent_code TEXT REFERENCES accounts(code),
  element TEXT NOT NULL CHECK (element IN ('asset', 'liability', 'net_assets', 'revenue', 'expenditure')),
  normal_side TEXT NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  journal TEXT CHECK (journal IN ('cash', 'bank')),
  scope TEXT NOT NULL CHECK (scope IN ('grassroots', 'county', 'user')),
  prescribed INTEGER NOT NULL CHECK (prescribed IN (0, 1)),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  dims TEXT NOT NULL DEFAULT '[]',
  close_special TEXT,
  close_general TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX accounts_parent ON accounts(parent_code);

CREATE TRIGGER accounts_prescribed_locked BEFORE UPDATE OF code, name, parent_code, element, normal_side ON accounts
WHEN OLD.prescribed = 1
BEGIN SELECT RAISE(ABORT, '财会〔2021〕7号规定的会计科目不得更名或修改（附录1 总说明 一）'); END;
CREATE TRIGGER accounts_prescribed_no_delete BEFORE DELETE ON accounts
WHEN OLD.prescribed = 1
BEGIN SELECT RAISE(ABORT, '财会〔2021〕7号规定的会计科目不得删除（附录1 总说明 一）'); END;

-- Months of the ledger; a month without a row is open.
CREATE TABLE periods (
  period TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_at TEXT,
  closed_by INTEGER REFERENCES users(id),
  closing_voucher_id INTEGER
);

CREATE TABLE vouchers (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  voucher_date TEXT NOT NULL CHECK (voucher_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND substr(voucher_date, 1, 7) = period),
  word TEXT NOT NULL DEFAULT '记',
  number INTEGER,
  attachments INTEGER NOT NULL DEFAULT 0 CHECK (attachments >= 0),
  attachments_note TEXT,
  status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed', 'posted')),
  kind TEXT NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'reversal', 'correction', 'difference', 'closing', 'year_end')),
  reverses_voucher_id INTEGER REFERENCES vouchers(id),
  corrects_voucher_id INTEGER REFERENCES vouchers(id),
  source TEXT,
  prepared_by INTEGER NOT NULL REFERENCES users(id),
  prepared_at TEXT NOT NULL,
  reviewed_by INTEGER REFERENCES users(id),
  reviewed_at TEXT,
  cashier_by INTEGER REFERENCES users(id),
  cashier_at TEXT,
  posted_by INTEGER REFERENCES users(id),
  posted_at TEXT,
  UNIQUE (period, word, number)
);
CREATE INDEX vouchers_period ON vouchers(period, status);
CREATE INDEX vouchers_reverses ON vouchers(reverses_voucher_id);
CREATE INDEX vouchers_corrects ON vouchers(corrects_voucher_id);

CREATE TABLE voucher_lines (
  id INTEGER PRIMARY KEY,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  summary TEXT NOT NULL,
  account_code TEXT NOT NULL REFERENCES accounts(code),
  -- 分; a red-ink (冲销) line carries a negative amount on the original side.
  debit INTEGER NOT NULL DEFAULT 0 CHECK (typeof(debit) = 'integer'),
  credit INTEGER NOT NULL DEFAULT 0 CHECK (typeof(credit) = 'integer'),
  fund_nature TEXT CHECK (fund_nature IN ('special', 'general')),
  project TEXT,
  expense_type TEXT CHECK (expense_type IN ('basic', 'project')),
  counterparty TEXT,
  bank_account TEXT,
  custodial INTEGER NOT NULL DEFAULT 0 CHECK (custodial IN (0, 1)),
  CHECK ((debit = 0) <> (credit = 0)),
  UNIQUE (voucher_id, line_no)
);
CREATE INDEX voucher_lines_account ON voucher_lines(account_code);

CREATE TABLE attachment_blobs (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE voucher_attachments (
  id INTEGER PRIMARY KEY,
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256),
  filename TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  pages INTEGER NOT NULL DEFAULT 1 CHECK (pages >= 1),
  added_by INTEGER NOT NULL REFERENCES users(id),
  added_at TEXT NOT NULL
);
CREATE INDEX voucher_attachments_voucher ON voucher_attachments(voucher_id);
CREATE TRIGGER attachment_blobs_no_update BEFORE UPDATE ON attachment_blobs
BEGIN SELECT RAISE(ABORT, '附件按内容哈希存储，不可修改'); END;

-- Balances per account, month and fund nature, kept by the database as vouchers are posted.
CREATE TABLE ledger_balances (
  account_code TEXT NOT NULL REFERENCES accounts(code),
  period TEXT NOT NULL,
  fund_nature TEXT NOT NULL DEFAULT '',
  debit INTEGER NOT NULL DEFAULT 0,
  credit INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_code, period, fund_nature)
) WITHOUT ROWID;

CREATE TRIGGER vouchers_insert_as_draft BEFORE INSERT ON vouchers
WHEN NEW.status <> 'draft' OR NEW.number IS NOT NULL
BEGIN SELECT RAISE(ABORT, '凭证只能以草稿登记，经审核后记账'); END;

CREATE TRIGGER vouchers_posted_no_update BEFORE UPDATE ON vouchers
WHEN OLD.status = 'posted'
BEGIN SELECT RAISE(ABORT, '已记账凭证不得修改（财会〔2013〕20号 第十条），请用红字冲销后重新填制'); END;
CREATE TRIGGER vouchers_posted_no_delete BEFORE DELETE ON vouchers
WHEN OLD.status = 'posted'
BEGIN SELECT RAISE(ABORT, '已记账凭证不得删除（财会〔2013〕20号 第十条）'); END;

CREATE TRIGGER vouchers_post_checks BEFORE UPDATE OF status ON vouchers
WHEN NEW.status = 'posted'
BEGIN
  SELECT RAISE(ABORT, '只有已审核的凭证才能记账') WHERE OLD.status <> 'reviewed';
  SELECT RAISE(ABORT, '凭证借贷不平，不能记账（财会〔2021〕7号 第十条 借贷记账法）')
    WHERE (SELECT coalesce(sum(debit), 0) - coalesce(sum(credit), 0) FROM voucher_lines WHERE voucher_id = NEW.id) <> 0;
  SELECT RAISE(ABORT, '凭证没有分录，不能记账') WHERE NOT EXISTS (SELECT 1 FROM voucher_lines WHERE voucher_id = NEW.id);
  SELECT RAISE(ABORT, '该会计期间已结账，不能记账') WHERE EXISTS (SELECT 1 FROM periods WHERE period = NEW.period AND status = 'closed');
  SELECT RAISE(ABORT, '记账凭证必须有编号') WHERE NEW.number IS NULL;
END;

CREATE TRIGGER vouchers_posted_balances AFTER UPDATE OF status ON vouchers
WHEN NEW.status = 'posted' AND OLD.status <> 'posted'
BEGIN
  INSERT INTO ledger_balances (account_code, period, fund_nature, debit, credit)
    SELECT account_code, NEW.period, coalesce(fund_nature, ''), sum(debit), sum(credit)
    FROM voucher_lines WHERE voucher_id = NEW.id GROUP BY account_code, coalesce(fund_nature, '')
  ON CONFLICT (account_code, period, fund_nature) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit;
END;

CREATE TRIGGER voucher_lines_posted_no_insert BEFORE INSERT ON voucher_lines
WHEN (SELECT status FROM vouchers WHERE id = NEW.voucher_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '只有草稿凭证可以修改分录'); END;
CREATE TRIGGER voucher_lines_posted_no_update BEFORE UPDATE ON voucher_lines
WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '只有草稿凭证可以修改分录'); END;
CREATE TRIGGER voucher_lines_posted_no_delete BEFORE DELETE ON voucher_lines
WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) = 'posted'
BEGIN SELECT RAISE(ABORT, '已记账凭证的分录不得删除（财会〔2013〕20号 第十条）'); END;
CREATE TRIGGER voucher_attachments_posted_no_change BEFORE DELETE ON voucher_attachments
WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) = 'posted'
BEGIN SELECT RAISE(ABORT, '已记账凭证的附件不得删除'); END;
CREATE TRIGGER voucher_attachments_no_update BEFORE UPDATE ON voucher_attachments
BEGIN SELECT RAISE(ABORT, '附件记录不可修改'); END;

CREATE TRIGGER ledger_balances_no_delete BEFORE DELETE ON ledger_balances
BEGIN SELECT RAISE(ABORT, '余额由已记账凭证生成，不可删除'); END;

${chartInserts}
`;
