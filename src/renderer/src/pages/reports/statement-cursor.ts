// ↑/↓ move a highlighted item over a statement's lines; Enter opens the vouchers behind it.
// Shared by 资产负债表 and 收入支出表 (a statement is one page, so no paging as in books' useRowCursor).
import { useState, type KeyboardEvent } from 'react';

export function useStatementCursor<T>(rows: readonly T[], onEnter: (row: T) => boolean) {
  const [cursor, setCursor] = useState(-1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setCursor((c) => Math.max(0, Math.min(rows.length - 1, c + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      const r = rows[cursor];
      if (r !== undefined && onEnter(r)) e.preventDefault();
    }
  };
  return { cursor, setCursor, onKeyDown };
}
