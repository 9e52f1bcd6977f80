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

export interface DB {
  schema_migrations: SchemaMigrationsTable;
  union_profile: UnionProfileTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
}
