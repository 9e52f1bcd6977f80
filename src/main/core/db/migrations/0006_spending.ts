// 0006: expense requests (支出申请) under the eight prohibitions (../shared/domain/spending-rules.md
// §5.8, §5.9, §7): the request, its recipients and evidence, every workflow step, every run of the
// compliance engine with its findings and rule-set version, and the chair's written overrides of
// warnings. APPEND-ONLY: never edit once committed; add a new migration.
//
// Steps, check runs, findings and overrides are append-only facts. A rejected or withdrawn request
// is final and never carries a voucher. budget_ref is a nullable free reference (a budget line id
// or text): the budget module owns the lines.
export const sql = `
CREATE TABLE spending_requests (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  purpose TEXT NOT NULL,
  request_date TEXT NOT NULL CHECK (request_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  account_code TEXT NOT NULL REFERENCES accounts(code) CHECK (account_code GLOB '5*'),
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen > 0),
  payee_kind TEXT NOT NULL CHECK (payee_kind IN ('member', 'supplier', 'organisation', 'employer')),
  payee_name TEXT NOT NULL,
  payee_member_id INTEGER REFERENCES members(id),
  payment_method TEXT NOT NULL,
  budget_ref TEXT,
  fund_source TEXT NOT NULL CHECK (fund_source IN ('own', 'upper_earmark')),
  expense_type TEXT NOT NULL DEFAULT 'basic' CHECK (expense_type IN ('basic', 'project')),
  details_json TEXT NOT NULL DEFAULT '{}',       -- festival, hospital, outing, prizes … (engine fields)
  decision_minutes_no TEXT,                      -- 集体研究决定: 会议纪要编号
  decision_date TEXT,
  decision_attendees INTEGER,
  decision_votes_for INTEGER,
  decision_sha256 TEXT REFERENCES attachment_blobs(sha256),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'reviewed', 'approved', 'paid', 'rejected', 'withdrawn')),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  paid_on TEXT,
  voucher_id INTEGER REFERENCES vouchers(id),
  CHECK ((decision_minutes_no IS NULL) = (decision_date IS NULL)),
  CHECK (voucher_id IS NULL OR status = 'paid')
);
CREATE INDEX spending_requests_status ON spending_requests(status, request_date);
CREATE INDEX spending_requests_voucher ON spending_requests(voucher_id);

CREATE TABLE spending_recipients (
  request_id INTEGER NOT NULL REFERENCES spending_requests(id),
  line_no INTEGER NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id),
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen >= 0),
  item TEXT,
  PRIMARY KEY (request_id, line_no)
) WITHOUT ROWID;
CREATE INDEX spending_recipients_member ON spending_recipients(member_id);

CREATE TABLE spending_evidence (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES spending_requests(id),
  kind TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256),
  filename TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  pages INTEGER NOT NULL DEFAULT 1 CHECK (pages >= 1),
  added_by INTEGER NOT NULL REFERENCES users(id),
  added_at TEXT NOT NULL
);
CREATE INDEX spending_evidence_request ON spending_evidence(request_id);

-- Every workflow step: who, when, from which status to which, with the reason when there is one.
CREATE TABLE spending_steps (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES spending_requests(id),
  action TEXT NOT NULL CHECK (action IN ('create', 'save', 'submit', 'review', 'approve', 'decision', 'pay', 'unpay', 'reject', 'withdraw')),
  from_status TEXT,
  to_status TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL,
  note TEXT
);
CREATE INDEX spending_steps_request ON spending_steps(request_id, id);

-- One row per run of the compliance engine, with the rule-set version it ran under.
CREATE TABLE spending_checks (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES spending_requests(id),
  stage TEXT NOT NULL CHECK (stage IN ('save', 'submit', 'review', 'approve', 'pay')),
  rule_set_version TEXT NOT NULL,
  blocked INTEGER NOT NULL CHECK (blocked IN (0, 1)),
  checked_by INTEGER NOT NULL REFERENCES users(id),
  checked_at TEXT NOT NULL
);
CREATE INDEX spending_checks_request ON spending_checks(request_id, id);

CREATE TABLE spending_findings (
  check_id INTEGER NOT NULL REFERENCES spending_checks(id),
  seq INTEGER NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('block', 'warn')),
  message TEXT NOT NULL,
  citation TEXT NOT NULL,
  fix TEXT NOT NULL,
  member_id INTEGER,
  PRIMARY KEY (check_id, seq)
) WITHOUT ROWID;

-- The chair's written reason for accepting a WARNING (a block can never be overridden).
CREATE TABLE spending_overrides (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES spending_requests(id),
  rule TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) >= 10),
  check_id INTEGER NOT NULL REFERENCES spending_checks(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL,
  UNIQUE (request_id, rule)
);

CREATE TRIGGER spending_requests_final BEFORE UPDATE ON spending_requests
WHEN OLD.status IN ('rejected', 'withdrawn')
BEGIN SELECT RAISE(ABORT, '已驳回或撤回的支出申请不可修改'); END;
CREATE TRIGGER spending_requests_paid BEFORE UPDATE ON spending_requests
WHEN OLD.status = 'paid' AND NOT (NEW.status = 'approved' AND NEW.voucher_id IS NULL
  AND (SELECT status FROM vouchers WHERE id = OLD.voucher_id) = 'draft')
BEGIN SELECT RAISE(ABORT, '已支付的支出申请不可修改；如有错误，请冲销其凭证'); END;
CREATE TRIGGER spending_requests_no_delete BEFORE DELETE ON spending_requests
BEGIN SELECT RAISE(ABORT, '支出申请不可删除，可撤回或驳回'); END;
CREATE TRIGGER spending_recipients_draft_only BEFORE INSERT ON spending_recipients
WHEN (SELECT status FROM spending_requests WHERE id = NEW.request_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '只有草稿状态的支出申请可以修改领取人'); END;
CREATE TRIGGER spending_recipients_no_update BEFORE UPDATE ON spending_recipients
BEGIN SELECT RAISE(ABORT, '领取人明细不可修改，请在草稿中重新填写'); END;
CREATE TRIGGER spending_recipients_draft_delete BEFORE DELETE ON spending_recipients
WHEN (SELECT status FROM spending_requests WHERE id = OLD.request_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '只有草稿状态的支出申请可以修改领取人'); END;
CREATE TRIGGER spending_evidence_no_update BEFORE UPDATE ON spending_evidence
BEGIN SELECT RAISE(ABORT, '附件记录不可修改'); END;
CREATE TRIGGER spending_evidence_no_delete BEFORE DELETE ON spending_evidence
WHEN (SELECT status FROM spending_requests WHERE id = OLD.request_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, '提交后的支出申请附件不可删除'); END;
CREATE TRIGGER spending_steps_no_update BEFORE UPDATE ON spending_steps
BEGIN SELECT RAISE(ABORT, '审批记录只可追加'); END;
CREATE TRIGGER spending_steps_no_delete BEFORE DELETE ON spending_steps
BEGIN SELECT RAISE(ABORT, '审批记录只可追加'); END;
CREATE TRIGGER spending_checks_no_update BEFORE UPDATE ON spending_checks
BEGIN SELECT RAISE(ABORT, '合规检查记录只可追加'); END;
CREATE TRIGGER spending_checks_no_delete BEFORE DELETE ON spending_checks
BEGIN SELECT RAISE(ABORT, '合规检查记录只可追加'); END;
CREATE TRIGGER spending_findings_no_update BEFORE UPDATE ON spending_findings
BEGIN SELECT RAISE(ABORT, '合规检查记录只可追加'); END;
CREATE TRIGGER spending_findings_no_delete BEFORE DELETE ON spending_findings
BEGIN SELECT RAISE(ABORT, '合规检查记录只可追加'); END;
CREATE TRIGGER spending_overrides_no_update BEFORE UPDATE ON spending_overrides
BEGIN SELECT RAISE(ABORT, '主席的书面理由不可修改'); END;
CREATE TRIGGER spending_overrides_no_delete BEFORE DELETE ON spending_overrides
BEGIN SELECT RAISE(ABORT, '主席的书面理由不可删除'); END;
`;
