// The shape of one operation declaration (see operations.ts).
import type { z } from 'zod';
import type { Role } from './roles';

/** 'public': no login needed; 'user': any logged-in user; otherwise the roles allowed. */
export type Access = 'public' | 'user' | readonly Role[];

/** 'read' operations may not change the ledger: the dispatcher rolls back and refuses any that does. */
export type Effect = 'read' | 'write';

export interface OperationSpec<I extends z.ZodType, R> {
  title: string;
  effect: Effect;
  access: Access;
  input: I;
  /** Phantom: carries the result type; never set at run time. */
  readonly _result?: R;
}

export function op<R>() {
  return <I extends z.ZodType>(spec: { title: string; effect: Effect; access: Access; input: I }): OperationSpec<I, R> => spec;
}

/** A finding of a rule check, shown where it arises, with its citation. */
export interface Finding {
  rule: string; // e.g. CHK-SOD-1
  severity: 'block' | 'warn';
  message: string; // Chinese, with the figures
  citation: string; // document and article
}

/** A file produced by the core (PDF, Excel); the renderer saves or opens it. */
export interface FileResult {
  filename: string;
  mimeType: string;
  base64: string;
}
