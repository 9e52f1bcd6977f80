// 0001: union profile, users and roles, settings, the hash-chained audit trail.
// APPEND-ONLY: never edit a migration once committed; add a new one (tests/unit/migrations.test.ts guards this).
export const sql = `
CREATE TABLE union_profile (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  uscc TEXT,
  level TEXT NOT NULL DEFAULT '基层',
  province_preset TEXT NOT NULL,
  first_fiscal_year INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Roles are kept with their dates: checks use the roster as it stood on a voucher's date
-- (vouchers-and-books.md §4). A role change ends the old row and starts a new one.
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'accountant', 'supervisor', 'cashier', 'chair', 'reviewer')),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  PRIMARY KEY (user_id, role, valid_from)
);
CREATE INDEX user_roles_current ON user_roles(user_id) WHERE valid_to IS NULL;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The audit trail: one row per write, SHA-256 chained (hash covers the row and prev_hash).
-- AUTOINCREMENT keeps sqlite_sequence, so removing the newest rows is detectable too.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  host TEXT NOT NULL,
  operation TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_id);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只可追加，不可修改 (企业会计信息化工作规范 第十四条)'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只可追加，不可删除 (企业会计信息化工作规范 第十四条)'); END;
`;
