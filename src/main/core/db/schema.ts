// Kysely table types. Money columns (later issues) are INTEGER 分; booleans are 0/1.
import type { Generated } from 'kysely';

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: string;
}

export interface UnionProfileTable {
  id: number;
  name: string;
  uscc: string | null;
  level: string;
  province_preset: string;
  first_fiscal_year: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
  valid_from: string;
  valid_to: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: number; // assigned explicitly: last + 1
  at: string;
  user_id: number | null;
  username: string | null;
  host: string;
  operation: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface DB extends BooksTables {
  schema_migrations: SchemaMigrationsTable;
  union_profile: UnionProfileTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
}

// ---- 0002_books ----

export interface AccountsTable {
  code: string;
  name: string;
  parent_code: string | null;
  element: 'asset' | 'liability' | 'net_assets' | 'revenue' | 'expenditure';
  normal_side: 'debit' | 'credit';
  journal: 'cash' | 'bank' | null;
  scope: 'grassroots' | 'county' | 'user';
  prescribed: number;
  enabled: number;
  dims: string;
  close_special: string | null;
  close_general: string | null;
  created_at: string;
}

export interface PeriodsTable {
  period: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  closed_by: number | null;
  closing_voucher_id: number | null;
}

export interface VouchersTable {
  id: Generated<number>;
  period: string;
  voucher_date: string;
  word: string;
  number: number | null;
  attachments: number;
  attachments_note: string | null;
  status: 'draft' | 'reviewed' | 'posted';
  kind: 'normal' | 'reversal' | 'correction' | 'difference' | 'closing' | 'year_end';
  reverses_voucher_id: number | null;
  corrects_voucher_id: number | null;
  source: string | null;
  prepared_by: number;
  prepared_at: string;
  reviewed_by: number | null;
  reviewed_at: string | null;
  cashier_by: number | null;
  cashier_at: string | null;
  posted_by: number | null;
  posted_at: string | null;
}

export interface VoucherLinesTable {
  id: Generated<number>;
  voucher_id: number;
  line_no: number;
  summary: string;
  account_code: string;
  debit: number;
  credit: number;
  fund_nature: 'special' | 'general' | null;
  project: string | null;
  expense_type: 'basic' | 'project' | null;
  counterparty: string | null;
  bank_account: string | null;
  custodial: number;
}

export interface AttachmentBlobsTable {
  sha256: string;
  size: number;
  data: Buffer;
}

export interface VoucherAttachmentsTable {
  id: Generated<number>;
  voucher_id: number;
  sha256: string;
  filename: string;
  mime_type: string;
  pages: number;
  added_by: number;
  added_at: string;
}

export interface LedgerBalancesTable {
  account_code: string;
  period: string;
  fund_nature: string;
  debit: number;
  credit: number;
}

export interface BooksTables {
  accounts: AccountsTable;
  periods: PeriodsTable;
  vouchers: VouchersTable;
  voucher_lines: VoucherLinesTable;
  attachment_blobs: AttachmentBlobsTable;
  voucher_attachments: VoucherAttachmentsTable;
  ledger_balances: LedgerBalancesTable;
}
