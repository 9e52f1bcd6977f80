// books.exportHledger: the posted books as an hledger journal (see ./hledger.ts), read inside the
// call's read-only transaction.
import type { Handler } from '../context';
import { hledgerJournal, readHledgerBooks } from './hledger';

export const exportHledger: Handler<'books.exportHledger'> = (ctx, input) => {
  const text = hledgerJournal(readHledgerBooks(ctx.db, input.year ?? null));
  return {
    filename: input.year ? `union-ledger-${input.year}.journal` : 'union-ledger.journal',
    mimeType: 'text/plain; charset=utf-8',
    base64: Buffer.from(text, 'utf8').toString('base64'),
  };
};
