// 0007: hardship files (困难职工档案, scenarios S5, S4, S11) and batch distributions (S10, S14).
// APPEND-ONLY: never edit once committed; add a new migration.
//
// A case belongs to one member and runs 建档 → 帮扶 → 脱困退出 / 注销; every transition is an
// append-only row with its date and reason. At most one open case (建档 or 帮扶) per member.
// Aid requests (困难帮扶 / 送温暖 / 金秋助学) may reference a case (validated in the core: the case
// must be open when the request is saved). batch_kind / batch_month mark a request prepared by
// spending.batch.prepare, for the title of its 签领表.
export const sql = `
CREATE TABLE hardship_cases (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  household_size INTEGER NOT NULL CHECK (typeof(household_size) = 'integer' AND household_size BETWEEN 1 AND 30),
  reasons_json TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status IN ('建档', '帮扶', '脱困退出', '注销')),
  opened_on TEXT NOT NULL CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  closed_on TEXT,
  notes TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((closed_on IS NULL) = (status IN ('建档', '帮扶')))
);
CREATE UNIQUE INDEX hardship_cases_one_open ON hardship_cases(member_id) WHERE status IN ('建档', '帮扶');
CREATE INDEX hardship_cases_status ON hardship_cases(status);

CREATE TABLE hardship_case_steps (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES hardship_cases(id),
  from_status TEXT,
  to_status TEXT NOT NULL CHECK (to_status IN ('建档', '帮扶', '脱困退出', '注销')),
  effective_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX hardship_case_steps_case ON hardship_case_steps(case_id, id);
CREATE TRIGGER hardship_case_steps_no_update BEFORE UPDATE ON hardship_case_steps
BEGIN SELECT RAISE(ABORT, '困难职工档案的状态变更记录只可追加'); END;
CREATE TRIGGER hardship_case_steps_no_delete BEFORE DELETE ON hardship_case_steps
BEGIN SELECT RAISE(ABORT, '困难职工档案的状态变更记录只可追加'); END;

ALTER TABLE spending_requests ADD COLUMN hardship_case_id INTEGER REFERENCES hardship_cases(id);
ALTER TABLE spending_requests ADD COLUMN batch_kind TEXT CHECK (batch_kind IS NULL OR batch_kind IN ('festival_all_active', 'birthday_month', 'retiree_visit'));
ALTER TABLE spending_requests ADD COLUMN batch_month INTEGER CHECK (batch_month IS NULL OR batch_month BETWEEN 1 AND 12);
CREATE INDEX spending_requests_hardship_case ON spending_requests(hardship_case_id);
`;
