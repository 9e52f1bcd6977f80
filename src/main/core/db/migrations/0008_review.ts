// 0008: the funding-review committee's workspace (经审会; review-and-disclosure.md §1–§4; scenarios
// S1, S15): reproducible voucher samples, the reviewer's findings with their follow-up (整改) history,
// and the 工资总额 the reviewer obtained from the employer to check the 2 % levy (dues.md §6).
// APPEND-ONLY: never edit once committed; add a new migration.
//
// A sample is a record of what was drawn: it is never changed or deleted (a new draw is a new sample).
// A finding keeps its history: the status changes are an append-only list of events.
export const sql = `
CREATE TABLE review_samples (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seed INTEGER NOT NULL CHECK (seed BETWEEN 0 AND 2147483647),
  threshold_fen INTEGER NOT NULL CHECK (typeof(threshold_fen) = 'integer' AND threshold_fen > 0),
  strata_json TEXT NOT NULL,                  -- [{ "minFen": 0, "maxFen": 100000, "size": 5 }, …]
  population_count INTEGER NOT NULL,
  population_total_fen INTEGER NOT NULL,
  population_sha256 TEXT NOT NULL,            -- over the ordered (voucher id, amount) pairs drawn from
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX review_samples_year ON review_samples(year);

CREATE TABLE review_sample_items (
  sample_id INTEGER NOT NULL REFERENCES review_samples(id),
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  stratum INTEGER NOT NULL,                   -- index into strata_json; -1: over the threshold (always included)
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (sample_id, voucher_id)
);

CREATE TRIGGER review_samples_no_update BEFORE UPDATE ON review_samples
BEGIN SELECT RAISE(ABORT, '抽样记录不得修改，请重新抽样'); END;
CREATE TRIGGER review_samples_no_delete BEFORE DELETE ON review_samples
BEGIN SELECT RAISE(ABORT, '抽样记录不得删除'); END;
CREATE TRIGGER review_sample_items_no_update BEFORE UPDATE ON review_sample_items
BEGIN SELECT RAISE(ABORT, '抽样记录不得修改，请重新抽样'); END;
CREATE TRIGGER review_sample_items_no_delete BEFORE DELETE ON review_sample_items
BEGIN SELECT RAISE(ABORT, '抽样记录不得删除'); END;

CREATE TABLE review_findings (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  severity TEXT NOT NULL CHECK (severity IN ('general', 'important', 'major')),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  recommendation TEXT,
  owner TEXT,                                 -- who is to put it right (责任人 / 部门)
  due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved')),
  sample_id INTEGER REFERENCES review_samples(id),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
);
CREATE INDEX review_findings_year ON review_findings(year);
CREATE TRIGGER review_findings_no_delete BEFORE DELETE ON review_findings
BEGIN SELECT RAISE(ABORT, '审查问题不得删除，可登记整改情况'); END;

CREATE TABLE review_finding_vouchers (
  finding_id INTEGER NOT NULL REFERENCES review_findings(id),
  voucher_id INTEGER NOT NULL REFERENCES vouchers(id),
  PRIMARY KEY (finding_id, voucher_id)
);

CREATE TABLE review_finding_events (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES review_findings(id),
  from_status TEXT,
  to_status TEXT NOT NULL CHECK (to_status IN ('open', 'in_progress', 'resolved')),
  note TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX review_finding_events_finding ON review_finding_events(finding_id);
CREATE TRIGGER review_finding_events_no_update BEFORE UPDATE ON review_finding_events
BEGIN SELECT RAISE(ABORT, '整改记录不得修改'); END;
CREATE TRIGGER review_finding_events_no_delete BEFORE DELETE ON review_finding_events
BEGIN SELECT RAISE(ABORT, '整改记录不得删除'); END;

CREATE TABLE review_levy_bases (
  voucher_id INTEGER PRIMARY KEY REFERENCES vouchers(id),
  payroll_base_fen INTEGER NOT NULL CHECK (typeof(payroll_base_fen) = 'integer' AND payroll_base_fen > 0),
  note TEXT,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
`;
