// A realistic year of a 300-member grassroots union (2026), entered through the dispatcher by the
// real users: the 会计 prepares, the 会计主管 reviews and posts, the 出纳 confirms every voucher that
// touches cash or bank. It follows ../shared/domain/scenarios.md and accounts.md §6:
//
//   T1  dues by bank every month (300 members × 25 元; 304 from July after new hires, S2)
//   T2  the 2 % levy on each quarter's payroll (工资总额 ≈ 2,700,000 元), received in the month after
//       the quarter, split 60 % → 402 and 40 % → 211 in integer 分 (dues.md §7, half-up to the fen)
//   T3  the upper share remitted to the 市总工会 the month after
//   T4  an upper-level general grant (40301) and an earmarked 送温暖 grant (40302, 专项)
//   S4  送温暖 spent from the earmarked grant on 50405 in January and December
//   S14 Spring Festival and Mid-Autumn goods (50105), S10 birthday cakes every month (50105)
//   S7  a sports meet with prize tiers (50301); training (50501); reading-room books (50304)
//   S13 a projector for the 职工之家: T6 (162/30104 and 50702/102 in one voucher) and T7 monthly
//       depreciation (30104/163) from the month of purchase
//   cash drawn from the bank (101/102) and small cash purchases; an advance to an employee (135)
//   and its settlement; a wrong voucher reversed in red and re-entered as a 订正 voucher
//   twelve monthly closes (T12, periods.close) and the year-end close (T13, years.close)
//
// Bank deposits sit in a detail account 10201 工商银行 (accounts.addDetail), so the books have a
// three-level account as well. After the year close one voucher is posted in January 2027 (the
// fourth quarter's levy), so exports by year have something to leave out.
//
// The builder keeps its own tally of what it entered (per account, and the year's revenue and
// expenditure by fund nature), computed here from the inputs, not read back from the app.
import type { ClientRef } from '../../src/main/core/context';
import type { VoucherDetail, VoucherLineInput } from '../../src/main/contract/books';
import type { YearCloseResult } from '../../src/main/contract/closing';
import { isOpName } from '../../src/main/contract/operations';
import { addUser, initLedger, openTestLedger, type TestLedger } from './core';

export const YEAR = 2026;
export const PROJECT = '送温暖';
export const BANK = '10201';
export const UPPER = '市总工会';

export interface RealisticYearStaff {
  kuaiji: ClientRef; // 会计: prepares, closes months
  zhuguan: ClientRef; // 会计主管: reviews, posts, closes the year
  chuna: ClientRef; // 出纳: confirms cash and bank
}

export interface LevyQuarter {
  label: string;
  payroll: number; // 工资总额, 分
  levy: number; // 2 %, half-up to the fen
  retained: number; // 60 %, half-up (402)
  upper: number; // levy − retained (211)
}

export interface RealisticYear {
  l: TestLedger;
  staff: RealisticYearStaff;
  year: number;
  /** Ids of named vouchers (e.g. "equipment", "wrong", "reversal", "correction"). */
  ids: Record<string, number>;
  levies: LevyQuarter[];
  /** What the builder entered, by leaf account: debit − credit (分), closing vouchers excluded. */
  tally: Map<string, number>;
  /** The year's revenue and expenditure as entered (分), by fund nature; 专项 is all 送温暖. */
  result: { revenue: { general: number; special: number }; expenditure: { general: number; special: number } };
  /** Normal vouchers entered in the year (closing vouchers excluded), and those of 2027. */
  entered: { year: number; next: number };
  yearClose: YearCloseResult;
}

const mm = (m: number) => String(m).padStart(2, '0');
const d = (m: number, day: number, y = YEAR) => `${y}-${mm(m)}-${String(day).padStart(2, '0')}`;

/** 2 % of the payroll, half-up to the fen, then 60 % retained (half-up) and the rest upward, all in integer 分. */
export function levySplit(label: string, payroll: number): LevyQuarter {
  const p = BigInt(payroll);
  const levy = (p * 2n + 50n) / 100n;
  const retained = (levy * 60n + 50n) / 100n;
  return { label, payroll, levy: Number(levy), retained: Number(retained), upper: Number(levy - retained) };
}

/** Quarterly payrolls (分): 2025 Q4 is received in January 2026; 2026 Q4 in January 2027. */
export const PAYROLLS: readonly [string, number][] = [
  ['2025年第四季度', 268_901_234],
  ['2026年第一季度', 270_123_456],
  ['2026年第二季度', 270_567_890],
  ['2026年第三季度', 271_234_567],
  ['2026年第四季度', 273_000_012],
];

/** Members paying dues each month, and members with a birthday that month. */
export const MEMBERS = (m: number) => (m <= 6 ? 300 : 304);
export const DUES_PER_MEMBER = 2_500; // 25 元
export const BIRTHDAYS = [24, 27, 22, 25, 26, 23, 28, 25, 24, 26, 25, 27] as const;
export const CAKE = 15_000; // 150 元 a cake voucher
export const PROJECTOR = 798_000; // 7,980 元, office equipment, 6 years
export const DEPRECIATION = Math.floor(PROJECTOR / 72); // 11,083 分 a month (fen residue in the last month)

const G = { fundNature: 'general', expenseType: 'basic' } as const;
const S = { fundNature: 'special', expenseType: 'project', project: PROJECT } as const;

export async function buildRealisticYear(): Promise<RealisticYear> {
  // The books are closed in mid-January 2027 (a month closes on its last day or later).
  const l = await openTestLedger({ clock: () => new Date('2027-01-15T10:00:00+08:00') });
  await initLedger(l);
  const staff: RealisticYearStaff = {
    kuaiji: await addUser(l, 'kuaiji', ['accountant']),
    zhuguan: await addUser(l, 'zhuguan', ['supervisor']),
    chuna: await addUser(l, 'chuna', ['cashier']),
  };
  const { kuaiji, zhuguan, chuna } = staff;
  const bank = await l.call(kuaiji, 'accounts.addDetail', { parentCode: '102', name: '工商银行' });
  if (bank.code !== BANK) throw new Error(`expected the bank detail to be ${BANK}, got ${bank.code}`);

  const ids: Record<string, number> = {};
  const tally = new Map<string, number>();
  const result = { revenue: { general: 0, special: 0 }, expenditure: { general: 0, special: 0 } };
  const entered = { year: 0, next: 0 };

  const count = (date: string, lines: { accountCode: string; debit?: number; credit?: number; fundNature?: 'special' | 'general' | null }[]) => {
    for (const x of lines) {
      const net = (x.debit ?? 0) - (x.credit ?? 0);
      tally.set(x.accountCode, (tally.get(x.accountCode) ?? 0) + net);
      if (!date.startsWith(String(YEAR))) continue;
      const fund = x.fundNature === 'special' ? 'special' : 'general';
      if (x.accountCode.startsWith('4')) result.revenue[fund] -= net;
      if (x.accountCode.startsWith('5')) result.expenditure[fund] += net;
    }
    if (date.startsWith(String(YEAR))) entered.year++;
    else entered.next++;
  };

  /** Review (会计主管), confirm (出纳, when cash or bank is touched) and post (会计主管). */
  const approve = async (v: VoucherDetail): Promise<number> => {
    await l.call(zhuguan, 'vouchers.review', { id: v.id });
    if (v.needsCashier) await l.call(chuna, 'vouchers.confirmCash', { id: v.id });
    await l.call(zhuguan, 'vouchers.post', { id: v.id });
    return v.id;
  };
  const post = async (date: string, lines: VoucherLineInput[], name?: string, attachments = 1): Promise<number> => {
    const v = await l.call(kuaiji, 'vouchers.save', { date, attachments, lines });
    const id = await approve(v);
    count(date, lines);
    if (name) ids[name] = id;
    return id;
  };

  /**
   * The month's 银行存款余额调节表, where the ledger has the feature (the close requires it then):
   * the statement agrees with the books, no items outstanding. Called by name, so the builder also
   * runs on a ledger from before the feature existed.
   */
  const reconcile = async (period: string): Promise<void> => {
    const name = 'bank.reconciliation.save';
    if (!isOpName(name)) return;
    const res = await l.core.dispatch(kuaiji, name, { period, bankAccountCode: BANK, statementBalanceFen: tally.get(BANK) ?? 0, items: [] });
    if (!res.ok) throw new Error(`${name} ${period}: ${res.error.message}`);
  };

  const levies = PAYROLLS.map(([label, payroll]) => levySplit(label, payroll));
  const receiveLevy = (date: string, q: LevyQuarter, name: string) =>
    post(
      date,
      [
        { summary: `收到${q.label}拨缴工会经费`, accountCode: BANK, debit: q.levy },
        { summary: `${q.label}拨缴经费留成60%`, accountCode: '402', credit: q.retained, fundNature: 'general' },
        { summary: `${q.label}拨缴经费应上解40%`, accountCode: '211', credit: q.upper, counterparty: UPPER },
      ],
      name,
      2,
    );
  const remit = (date: string, q: LevyQuarter, name: string) =>
    post(
      date,
      [
        { summary: `上解${UPPER}${q.label}工会经费`, accountCode: '211', debit: q.upper, counterparty: UPPER },
        { summary: `上解${UPPER}${q.label}工会经费`, accountCode: BANK, credit: q.upper },
      ],
      name,
    );
  const bankPay = (date: string, summary: string, code: string, amount: number, fund: typeof G | typeof S = G, name?: string) =>
    post(
      date,
      [
        { summary, accountCode: code, debit: amount, ...fund },
        { summary, accountCode: BANK, credit: amount },
      ],
      name,
    );

  for (let m = 1; m <= 12; m++) {
    // T1: dues, collected by the union groups and paid into the bank.
    const dues = MEMBERS(m) * DUES_PER_MEMBER;
    await post(d(m, 10), [
      { summary: `收${m}月会费（${MEMBERS(m)}人）`, accountCode: BANK, debit: dues },
      { summary: `收${m}月会费（${MEMBERS(m)}人）`, accountCode: '401', credit: dues, fundNature: 'general' },
    ]);

    if (m === 1) {
      await receiveLevy(d(1, 15), levies[0]!, 'levyQ4prior');
      await post(
        d(1, 8),
        [
          { summary: '收到上级送温暖专项补助', accountCode: BANK, debit: 5_000_000 },
          { summary: '收到上级送温暖专项补助', accountCode: '40302', credit: 5_000_000, fundNature: 'special', project: PROJECT },
        ],
        'grantSpecial',
      );
      await bankPay(d(1, 20), '春节送温暖慰问困难职工32户', '50405', 3_200_000, S, 'warmthJan');
      await bankPay(d(1, 22), '春节慰问品（300人×150元）', '50105', 4_500_000, G, 'springFestival');
    }
    if (m === 2) {
      await remit(d(2, 10), levies[0]!, 'remitQ4prior');
      await post(
        d(2, 5),
        [
          { summary: '提取备用金', accountCode: '101', debit: 300_000 },
          { summary: '提取备用金', accountCode: BANK, credit: 300_000 },
        ],
        'cashDraw',
      );
    }
    if (m === 3) {
      // S13 / T6: a projector for the 职工之家 — two entries, one voucher.
      await post(
        d(3, 16),
        [
          { summary: '购置职工之家投影仪', accountCode: '162', debit: PROJECTOR },
          { summary: '购置职工之家投影仪', accountCode: '30104', credit: PROJECTOR },
          { summary: '购置职工之家投影仪', accountCode: '50702', debit: PROJECTOR, ...G },
          { summary: '购置职工之家投影仪', accountCode: BANK, credit: PROJECTOR },
        ],
        'equipment',
        2,
      );
      await post(
        d(3, 28),
        [
          { summary: '收到市总工会补助（一般性转移支付）', accountCode: BANK, debit: 3_000_000 },
          { summary: '收到市总工会补助（一般性转移支付）', accountCode: '40301', credit: 3_000_000, fundNature: 'general' },
        ],
        'grantGeneral',
      );
    }
    if (m === 4) {
      await receiveLevy(d(4, 15), levies[1]!, 'levyQ1');
      await post(d(4, 16), [
        { summary: '购买象棋、跳棋等文体用品', accountCode: '50102', debit: 45_800, ...G },
        { summary: '购买象棋、跳棋等文体用品', accountCode: '101', credit: 45_800 },
      ]);
      await bankPay(d(4, 23), '职工书屋购书（世界读书日）', '50304', 635_040, G, 'readingRoom');
    }
    if (m === 5) {
      await remit(d(5, 10), levies[1]!, 'remitQ1');
      // S7: prizes for 3 + 6 + 9 winners and 40 participation prizes (at most 2/3 of 120 participants).
      await bankPay(d(5, 18), '职工趣味运动会奖品（一等奖3名、二等奖6名、三等奖9名、参与奖40名）', '50301', 710_000, G, 'sports');
    }
    if (m === 6) {
      await post(d(6, 22), [
        { summary: '经费审查委员会会议茶水', accountCode: '50502', debit: 12_600, ...G },
        { summary: '经费审查委员会会议茶水', accountCode: '101', credit: 12_600 },
      ]);
    }
    if (m === 7) {
      await receiveLevy(d(7, 15), levies[2]!, 'levyQ2');
      await post(
        d(7, 3),
        [
          { summary: '张伟预借工会干部培训差旅费', accountCode: '135', debit: 300_000, counterparty: '张伟' },
          { summary: '张伟预借工会干部培训差旅费', accountCode: BANK, credit: 300_000 },
        ],
        'advance',
      );
    }
    if (m === 8) {
      await remit(d(8, 10), levies[2]!, 'remitQ2');
      await bankPay(d(8, 12), '工会干部业务培训费', '50501', 480_000, G, 'training');
      await post(
        d(8, 14),
        [
          { summary: '张伟报销培训差旅费', accountCode: '50501', debit: 276_000, ...G },
          { summary: '张伟交回多借款', accountCode: '101', debit: 24_000 },
          { summary: '张伟报销培训差旅费', accountCode: '135', credit: 300_000, counterparty: '张伟' },
        ],
        'settlement',
        3,
      );
    }
    if (m === 9) await bankPay(d(9, 18), '中秋节慰问品（304人×150元）', '50105', 4_560_000, G, 'midAutumn');
    if (m === 10) await receiveLevy(d(10, 15), levies[3]!, 'levyQ3');
    if (m === 11) {
      await remit(d(11, 10), levies[3]!, 'remitQ3');
      // A wrong voucher: reading-room newspapers booked to 50105; reversed in red and re-entered.
      const wrongLines: VoucherLineInput[] = [
        { summary: '职工书屋订阅报刊', accountCode: '50105', debit: 218_000, ...G },
        { summary: '职工书屋订阅报刊', accountCode: BANK, credit: 218_000 },
      ];
      const wrong = await post(d(11, 6), wrongLines, 'wrong');
      const red = await l.call(kuaiji, 'vouchers.reverse', { id: wrong, date: d(11, 20) });
      ids['reversal'] = await approve(red);
      count(
        d(11, 20),
        red.lines.map((x) => ({ accountCode: x.accountCode, debit: x.debit, credit: x.credit, fundNature: x.fundNature })),
      );
      const fixedLines: VoucherLineInput[] = [
        { summary: '订正：职工书屋订阅报刊', accountCode: '50304', debit: 218_000, ...G },
        { summary: '订正：职工书屋订阅报刊', accountCode: BANK, credit: 218_000 },
      ];
      const fixed = await l.call(kuaiji, 'vouchers.save', { date: d(11, 20), attachments: 0, kind: 'correction', correctsVoucherId: wrong, lines: fixedLines });
      ids['correction'] = await approve(fixed);
      count(d(11, 20), fixedLines);
    }
    if (m === 12) await bankPay(d(12, 22), '元旦送温暖慰问困难职工15户', '50405', 1_500_000, S, 'warmthDec');

    // S10: the month's birthday cakes.
    await bankPay(d(m, 25), `${m}月会员生日蛋糕（${BIRTHDAYS[m - 1]}人）`, '50105', BIRTHDAYS[m - 1]! * CAKE);

    // T7: depreciation from the month of purchase (当月增加的固定资产，当月计提折旧).
    if (m >= 3) {
      await post(
        d(m, 28),
        [
          { summary: `计提${m}月固定资产折旧`, accountCode: '30104', debit: DEPRECIATION },
          { summary: `计提${m}月固定资产折旧`, accountCode: '163', credit: DEPRECIATION },
        ],
        undefined,
        0,
      );
    }

    await reconcile(`${YEAR}-${mm(m)}`);
    if (m < 12) await l.call(kuaiji, 'periods.close', { period: `${YEAR}-${mm(m)}` });
  }
  const yearClose = await l.call(zhuguan, 'years.close', { year: YEAR });

  // January 2027: the fourth quarter's levy arrives after the year is closed.
  await receiveLevy(d(1, 15, YEAR + 1), levies[4]!, 'levyQ4');

  return { l, staff, year: YEAR, ids, levies, tally, result, entered, yearClose };
}
