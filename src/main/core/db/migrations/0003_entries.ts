// 0003: the fixed-asset register and its depreciation runs (accounts.md §8; 财会〔2021〕7号
// 第三十二条、第三十五条), and the monthly bank reconciliation (银行存款余额调节表, 第二十九条).
// APPEND-ONLY: never edit once committed; add a new migration.
//
// An asset card is created together with its purchase voucher (a draft) and points at it; the card
// counts as an asset only once that voucher is posted. Deleting the draft deletes the card
// (ON DELETE CASCADE); a posted voucher cannot be deleted, so a posted purchase keeps its card.
// A depreciation run likewise belongs to its voucher: deleting the draft deletes the run.
export const sql = `
CREATE TABLE fixed_assets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  special INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1)),
  cost INTEGER NOT NULL CHECK (typeof(cost) = 'integer' AND cost > 0),
  acquired_on TEXT NOT NULL CHECK (acquired_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  life_months INTEGER NOT NULL CHECK (life_months > 0),
  method TEXT NOT NULL DEFAULT 'straight_line' CHECK (method IN ('straight_line')),
  fund_nature TEXT NOT NULL CHECK (fund_nature IN ('special', 'general')),
  project TEXT,
  expense_type TEXT NOT NULL CHECK (expense_type IN ('basic', 'project')),
  expense_account TEXT NOT NULL REFERENCES accounts(code),
  asset_account TEXT NOT NULL REFERENCES accounts(code),
  location TEXT,
  custodian TEXT NOT NULL,
  disposed_on TEXT,
  purchase_voucher_id INTEGER REFERENCES vouchers(id) ON DELETE CASCADE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX fixed_assets_voucher ON fixed_assets(purchase_voucher_id);

CREATE TABLE depreciation_runs (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id) ON DELETE CASCADE,
  supplementary INTEGER NOT NULL DEFAULT 0 CHECK (supplementary IN (0, 1)),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX depreciation_runs_period ON depreciation_runs(period);
CREATE INDEX depreciation_runs_voucher ON depreciation_runs(voucher_id);

CREATE TABLE depreciation_lines (
  run_id INTEGER NOT NULL REFERENCES depreciation_runs(id) ON DELETE CASCADE,
  asset_id INTEGER NOT NULL REFERENCES fixed_assets(id),
  life_month INTEGER NOT NULL CHECK (life_month > 0),
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
  PRIMARY KEY (run_id, asset_id)
) WITHOUT ROWID;
CREATE INDEX depreciation_lines_asset ON depreciation_lines(asset_id);

CREATE TABLE bank_reconciliations (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  account_code TEXT NOT NULL REFERENCES accounts(code),
  statement_balance INTEGER NOT NULL CHECK (typeof(statement_balance) = 'integer'),
  book_balance INTEGER NOT NULL CHECK (typeof(book_balance) = 'integer'),
  agreed INTEGER NOT NULL CHECK (agreed IN (0, 1)),
  saved_by INTEGER NOT NULL REFERENCES users(id),
  saved_at TEXT NOT NULL,
  UNIQUE (period, account_code)
);

CREATE TABLE bank_reconciliation_items (
  id INTEGER PRIMARY KEY,
  reconciliation_id INTEGER NOT NULL REFERENCES bank_reconciliations(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('bank_received_not_booked', 'bank_paid_not_booked', 'booked_received_not_bank', 'booked_paid_not_bank')),
  item_date TEXT NOT NULL,
  description TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0)
);
CREATE INDEX bank_reconciliation_items_parent ON bank_reconciliation_items(reconciliation_id);

-- A closed month's reconciliation is part of its closed books.
CREATE TRIGGER bank_reconciliations_closed_no_update BEFORE UPDATE ON bank_reconciliations
WHEN EXISTS (SELECT 1 FROM periods WHERE period = OLD.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, '该期间已结账，银行存款余额调节表不得修改'); END;
CREATE TRIGGER bank_reconciliations_closed_no_delete BEFORE DELETE ON bank_reconciliations
WHEN EXISTS (SELECT 1 FROM periods WHERE period = OLD.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, '该期间已结账，银行存款余额调节表不得删除'); END;
`;
