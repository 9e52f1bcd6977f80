// 0010: posted lines by account and date, for the 明细账, 日记账 and drill-down on a large ledger.
// APPEND-ONLY: never edit once committed; add a new migration.
//
// The per-account, per-month, per-fund-nature totals (ledger_balances) have been kept by the
// database since 0002 (trigger vouchers_posted_balances, in the posting transaction); the 科目余额表,
// 总账 and both statements read them. What was missing is a way to reach one account's lines in a
// date range without walking every line the account ever had: voucher_lines carries no date (the
// date is the voucher's). ledger_entries is that index — (account, date, voucher, line) for every
// posted line — filled by the same status change that posts a voucher, so it can never drift from
// the books (posted vouchers and their lines cannot be changed or deleted, 财会〔2013〕20号 第十条),
// and backfilled here from the vouchers already posted.
//
// Two more indexes for the dues books of a large union (20,000 members × ten years): the 会费台账,
// collection rate and income by month select a year of payments by month, and the monthly run and
// the wage grid select a month of wage bases; both tables were keyed by member first.
export const sql = `
CREATE TABLE ledger_entries (
  account_code TEXT NOT NULL,
  voucher_date TEXT NOT NULL,
  voucher_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  PRIMARY KEY (account_code, voucher_date, voucher_id, line_no)
) WITHOUT ROWID;

INSERT INTO ledger_entries (account_code, voucher_date, voucher_id, line_no)
  SELECT l.account_code, v.voucher_date, v.id, l.line_no
  FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id
  WHERE v.status = 'posted';

CREATE TRIGGER vouchers_posted_entries AFTER UPDATE OF status ON vouchers
WHEN NEW.status = 'posted' AND OLD.status <> 'posted'
BEGIN
  INSERT INTO ledger_entries (account_code, voucher_date, voucher_id, line_no)
    SELECT account_code, NEW.voucher_date, NEW.id, line_no FROM voucher_lines WHERE voucher_id = NEW.id;
END;

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, '账簿索引由已记账凭证生成，不可修改'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, '账簿索引由已记账凭证生成，不可删除'); END;

CREATE INDEX dues_payments_month ON dues_payments(month, member_id);
CREATE INDEX member_wages_month ON member_wages(month);
`;
