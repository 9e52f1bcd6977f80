// Contract: exports of the posted books for independent checking (issue: "Independent check").
// A plain-text hledger journal (https://hledger.org): one transaction per posted voucher, so any
// third-party tool can re-add the books and compare them with the app's 科目余额表.
import { z } from 'zod';
import { yearField } from './fields';
import { op, type FileResult } from './op';
import { BOOK_READERS } from './books';

const year = yearField('会计年度');

export const exportOperations = {
  /**
   * The POSTED vouchers as an hledger journal (text/plain, UTF-8). With a year: that year's
   * vouchers, preceded by one opening transaction (上年结转) carrying every balance from the
   * earlier years, so the journal's balances equal the 科目余额表 at the end of the year.
   */
  'books.exportHledger': op<FileResult>()({
    title: '导出 hledger 日记账',
    effect: 'read',
    access: BOOK_READERS,
    input: z.object({ year: year.optional() }),
  }),
} as const;
