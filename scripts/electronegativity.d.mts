// Types for scripts/electronegativity.mjs (imported by tests/unit/electronegativity-allowlist.test.ts).
export interface Explained {
  id: string;
  file: string;
  why: string;
}
export interface ScanFinding {
  id: string;
  severity: string;
  file: string;
}
export function explainedFindings(markdown: string): Explained[];
export function unexplained<T extends ScanFinding>(issues: T[], explained: { id: string; file: string }[]): T[];
