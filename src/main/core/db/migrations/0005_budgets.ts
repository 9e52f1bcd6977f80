// 0005: budgets (review-and-disclosure.md §5–§6): per fiscal year, versions (0 = 年初预算, 1, 2 … =
// 调整), each with its lines and the approvals of the chain (工会委员会 → 经审会 → 上级工会).
// APPEND-ONLY: never edit once committed; add a new migration.
//
// An approved version is frozen: its row, its lines and its approvals refuse every change.
export const sql = `
CREATE TABLE budget_versions (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version INTEGER NOT NULL CHECK (version >= 0),
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
  reason TEXT,                               -- why an adjustment (version ≥ 1) was made
  effective_date TEXT,                       -- the date of the last approval stage, once approved
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  approved_by INTEGER REFERENCES users(id),
  approved_at TEXT,
  UNIQUE (year, version),
  CHECK ((status = 'approved') = (effective_date IS NOT NULL))
);

CREATE TABLE budget_lines (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES budget_versions(id),
  line_no INTEGER NOT NULL,
  account_code TEXT NOT NULL REFERENCES accounts(code) CHECK (substr(account_code, 1, 1) IN ('4', '5')),
  expense_type TEXT CHECK (expense_type IN ('basic', 'project')),
  project TEXT,
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen >= 0),
  note TEXT,
  UNIQUE (version_id, line_no)
);
CREATE INDEX budget_lines_version ON budget_lines(version_id);

CREATE TABLE budget_approvals (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES budget_versions(id),
  stage TEXT NOT NULL CHECK (stage IN ('committee', 'review', 'upper')),
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'filed', 'returned')),
  decided_on TEXT NOT NULL CHECK (decided_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  document_no TEXT NOT NULL,
  attachment_sha256 TEXT CHECK (attachment_sha256 IS NULL OR (length(attachment_sha256) = 64 AND attachment_sha256 NOT GLOB '*[^0-9a-f]*')),
  note TEXT,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX budget_approvals_version ON budget_approvals(version_id);

CREATE TRIGGER budget_versions_insert_as_draft BEFORE INSERT ON budget_versions
WHEN NEW.status <> 'draft'
BEGIN SELECT RAISE(ABORT, '预算只能以草稿登记，经审批后批准'); END;
CREATE TRIGGER budget_versions_approved_frozen BEFORE UPDATE ON budget_versions
WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, '已批准的预算不得修改（未经规定程序批准不得变更），请另行编制预算调整'); END;
CREATE TRIGGER budget_versions_approved_no_delete BEFORE DELETE ON budget_versions
WHEN OLD.status = 'approved'
BEGIN SELECT RAISE(ABORT, '已批准的预算不得删除'); END;

CREATE TRIGGER budget_lines_frozen_insert BEFORE INSERT ON budget_lines
WHEN (SELECT status FROM budget_versions WHERE id = NEW.version_id) = 'approved'
BEGIN SELECT RAISE(ABORT, '已批准的预算不得修改（未经规定程序批准不得变更），请另行编制预算调整'); END;
CREATE TRIGGER budget_lines_frozen_update BEFORE UPDATE ON budget_lines
WHEN (SELECT status FROM budget_versions WHERE id = OLD.version_id) = 'approved'
  OR (SELECT status FROM budget_versions WHERE id = NEW.version_id) = 'approved'
BEGIN SELECT RAISE(ABORT, '已批准的预算不得修改（未经规定程序批准不得变更），请另行编制预算调整'); END;
CREATE TRIGGER budget_lines_frozen_delete BEFORE DELETE ON budget_lines
WHEN (SELECT status FROM budget_versions WHERE id = OLD.version_id) = 'approved'
BEGIN SELECT RAISE(ABORT, '已批准的预算不得修改（未经规定程序批准不得变更），请另行编制预算调整'); END;

CREATE TRIGGER budget_approvals_frozen_insert BEFORE INSERT ON budget_approvals
WHEN (SELECT status FROM budget_versions WHERE id = NEW.version_id) = 'approved'
BEGIN SELECT RAISE(ABORT, '预算已批准，审批记录不得再增加'); END;
CREATE TRIGGER budget_approvals_no_update BEFORE UPDATE ON budget_approvals
BEGIN SELECT RAISE(ABORT, '审批记录不可修改'); END;
CREATE TRIGGER budget_approvals_frozen_delete BEFORE DELETE ON budget_approvals
WHEN (SELECT status FROM budget_versions WHERE id = OLD.version_id) = 'approved'
BEGIN SELECT RAISE(ABORT, '已批准预算的审批记录不得删除'); END;
`;
