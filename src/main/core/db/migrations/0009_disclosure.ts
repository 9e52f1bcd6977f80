// 0009: the annual review report (经费审查报告, review-and-disclosure.md §4) and the public
// disclosure (公示, §7). APPEND-ONLY: never edit once committed; add a new migration.
//
// review_reports: one per year; a draft while the 经审委员 edits its narrative, then frozen with the
// SHA-256 of its canonical content (figures + narrative). A frozen report refuses every change.
// disclosures: every publication of the disclosure table, as posted: content JSON and its SHA-256,
// who published it and when, where it was posted. Never updated, never deleted.
export const sql = `
CREATE TABLE review_reports (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
  status TEXT NOT NULL CHECK (status IN ('draft', 'frozen')),
  meta_json TEXT NOT NULL,
  sections_json TEXT NOT NULL,
  content_json TEXT,                      -- the canonical content as frozen (figures + narrative)
  content_sha256 TEXT CHECK (content_sha256 IS NULL OR (length(content_sha256) = 64 AND content_sha256 NOT GLOB '*[^0-9a-f]*')),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  frozen_by INTEGER REFERENCES users(id),
  frozen_at TEXT,
  CHECK ((status = 'frozen') = (content_sha256 IS NOT NULL AND content_json IS NOT NULL AND frozen_at IS NOT NULL AND frozen_by IS NOT NULL))
);

CREATE TRIGGER review_reports_insert_as_draft BEFORE INSERT ON review_reports
WHEN NEW.status <> 'draft'
BEGIN SELECT RAISE(ABORT, '经费审查报告只能以草稿登记，定稿须经冻结'); END;
CREATE TRIGGER review_reports_frozen_no_update BEFORE UPDATE ON review_reports
WHEN OLD.status = 'frozen'
BEGIN SELECT RAISE(ABORT, '经费审查报告已冻结（定稿），不得修改'); END;
CREATE TRIGGER review_reports_no_delete BEFORE DELETE ON review_reports
BEGIN SELECT RAISE(ABORT, '经费审查报告不得删除'); END;

CREATE TABLE disclosures (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind TEXT NOT NULL CHECK (kind IN ('year', 'half', 'quarter')),
  part INTEGER CHECK ((kind = 'year' AND part IS NULL) OR (kind = 'half' AND part IN (1, 2)) OR (kind = 'quarter' AND part BETWEEN 1 AND 4)),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  period_label TEXT NOT NULL,
  title TEXT NOT NULL,
  posted_where TEXT NOT NULL,
  posted_on TEXT NOT NULL CHECK (posted_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  content_json TEXT NOT NULL,
  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64 AND content_sha256 NOT GLOB '*[^0-9a-f]*'),
  published_by INTEGER NOT NULL REFERENCES users(id),
  published_at TEXT NOT NULL
);
CREATE INDEX disclosures_year ON disclosures(year, kind, part);

CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
BEGIN SELECT RAISE(ABORT, '已发布的公示不得修改，如需更正请重新发布'); END;
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
BEGIN SELECT RAISE(ABORT, '已发布的公示不得删除'); END;
`;
