// 0004: members, union groups, wage bases and dues (../shared/domain/dues.md).
// APPEND-ONLY: never edit once committed; add a new migration.
//
// Dues are kept as two append-only facts: what a member owed for a month (dues_assessments,
// replaceable only until something was paid against it) and what was paid (dues_payments, never
// changed; a reversal is a new negative payment linked to the red voucher).
export const sql = `
CREATE TABLE union_groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  leader TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  employee_no TEXT NOT NULL UNIQUE,          -- 工号
  name TEXT NOT NULL,
  gender TEXT CHECK (gender IN ('男', '女')),
  birth_date TEXT,
  group_id INTEGER REFERENCES union_groups(id),
  joined_on TEXT,
  -- 在职 / 退休·保留会籍 / 失业·保留会籍 / 调出 / 退会 (章程 第八条: retained membership owes no dues)
  status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'unemployed', 'transferred', 'withdrawn')),
  status_since TEXT NOT NULL,
  employment_type TEXT NOT NULL DEFAULT '正式' CHECK (employment_type IN ('正式', '劳务派遣', '临时', '签约', '学徒', '其他')),
  model_worker TEXT CHECK (model_worker IN ('全国', '省部级', '州级', '市级', '县级')),
  phone TEXT,
  id_number TEXT,                            -- 身份证号: optional, masked everywhere unless asked
  bank_account TEXT,                         -- optional, masked likewise
  no_fixed_income INTEGER NOT NULL DEFAULT 0 CHECK (no_fixed_income IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX members_group ON members(group_id);
CREATE INDEX members_status ON members(status);

CREATE TABLE member_status_history (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  status TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  reason TEXT,
  recorded_by INTEGER REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX member_status_history_member ON member_status_history(member_id, effective_date);

-- The dues base of a member for a month (D3: base wage, never bonuses or allowances).
CREATE TABLE member_wages (
  member_id INTEGER NOT NULL REFERENCES members(id),
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  base_fen INTEGER NOT NULL CHECK (typeof(base_fen) = 'integer' AND base_fen >= 0),
  items TEXT,                                -- JSON of the pay items it was built from, when imported
  source TEXT NOT NULL DEFAULT 'manual',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (member_id, month)
) WITHOUT ROWID;

-- Effective-dated dues rules (D1, D2, D4, rounding ❓): a change next year does not alter last year.
CREATE TABLE dues_rules (
  effective_from TEXT PRIMARY KEY CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  rate_per_mille INTEGER NOT NULL DEFAULT 5,           -- 0.5 % = 5 ‰ (工发[1978]101号 item 1)
  floor_fen INTEGER NOT NULL DEFAULT 1000,             -- drop the wage part under 10 元 (item 1)
  rounding TEXT NOT NULL DEFAULT 'none' CHECK (rounding IN ('none', 'jiao', 'yuan')),
  apprentice_flat_fen INTEGER NOT NULL DEFAULT 5,      -- 学徒工 5 分 a month (item 2; applicability ❓)
  counted_items TEXT NOT NULL DEFAULT '["基本工资"]',   -- pay items that count toward the base (item 4)
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
INSERT INTO dues_rules (effective_from, created_at) VALUES ('2000-01', '2022-01-01T00:00:00.000Z');

CREATE TABLE dues_assessments (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  base_fen INTEGER NOT NULL,
  due_fen INTEGER NOT NULL CHECK (typeof(due_fen) = 'integer' AND due_fen >= 0),
  exempt_reason TEXT,                        -- e.g. 退休·保留会籍 (D6)
  rule_from TEXT NOT NULL REFERENCES dues_rules(effective_from),
  created_at TEXT NOT NULL,
  UNIQUE (member_id, month)
);
CREATE INDEX dues_assessments_month ON dues_assessments(month);

-- Gapless per year: the printed 会费收据 numbers.
CREATE TABLE dues_receipts (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id),
  amount_fen INTEGER NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (year, number)
);

CREATE TABLE dues_payments (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  month TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen <> 0),
  method TEXT NOT NULL CHECK (method IN ('payroll', 'cash', 'bank')),
  paid_on TEXT NOT NULL,
  receipt_id INTEGER REFERENCES dues_receipts(id),
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  reverses_payment_id INTEGER REFERENCES dues_payments(id),
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX dues_payments_member ON dues_payments(member_id, month);
CREATE INDEX dues_payments_voucher ON dues_payments(voucher_id);

CREATE TRIGGER dues_payments_no_update BEFORE UPDATE ON dues_payments
BEGIN SELECT RAISE(ABORT, '会费收缴记录不可修改，更正须红字冲销'); END;
CREATE TRIGGER dues_payments_no_delete BEFORE DELETE ON dues_payments
WHEN (SELECT status FROM vouchers WHERE id = OLD.voucher_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '会费收缴记录不可删除，更正须红字冲销'); END;
CREATE TRIGGER dues_receipts_no_change BEFORE UPDATE ON dues_receipts
BEGIN SELECT RAISE(ABORT, '会费收据不可修改'); END;
CREATE TRIGGER dues_assessments_paid_locked BEFORE UPDATE ON dues_assessments
WHEN EXISTS (SELECT 1 FROM dues_payments WHERE member_id = OLD.member_id AND month = OLD.month)
BEGIN SELECT RAISE(ABORT, '该月会费已有收缴记录，应缴额不能再改'); END;
CREATE TRIGGER dues_assessments_paid_no_delete BEFORE DELETE ON dues_assessments
WHEN EXISTS (SELECT 1 FROM dues_payments WHERE member_id = OLD.member_id AND month = OLD.month)
BEGIN SELECT RAISE(ABORT, '该月会费已有收缴记录，应缴额不能删除'); END;
`;
