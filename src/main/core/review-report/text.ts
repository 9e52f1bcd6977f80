// The words of the review report: the figure paragraphs generated from the figures (not editable:
// they always say what the books say) and the default narrative the 经审委员 starts from (editable).
// Outline and phrasing from the real reports of review-and-disclosure.md §4 (fixtures A–D) and §8
// ("我代表…经费审查委员会做经费审查工作报告", "请予审议", "帐证、帐表、帐帐相符").
import { formatWanYuan, formatYuan } from '../../contract/money';
import type { ReportFigures, ReportLine, ReportMeta, ReportSection, ReportSections } from '../../contract/review-report';

/** An amount with its unit, as the report is printed (元 or 万元, §4). */
export type Money = (fen: number) => string;
export const moneyIn = (unit: ReportMeta['unit'] | undefined): Money => (unit === 'wan' ? (fen) => `${formatWanYuan(fen, 2)}万元` : (fen) => `${formatYuan(fen)}元`);

const FINDING_SEVERITY: Record<string, string> = { general: '一般', important: '较重要', major: '重大' };
const FINDING_STATUS: Record<string, string> = { open: '未整改', in_progress: '整改中', resolved: '已整改' };

export interface FindingLite {
  id: number;
  severity: string;
  title: string;
  status: string;
  recommendation: string | null;
}

function lineSentence(l: ReportLine, y: Money): string {
  const budget = l.budgetFen === null ? '' : `，预算${y(l.budgetFen)}，完成预算的${l.rateText}`;
  const share = l.level === 1 && l.shareBp !== null ? `，占${l.shareText}` : '';
  return `${l.name}${y(l.actualFen)}${budget}${share}`;
}

function totalSentence(what: '收入' | '支出', f: ReportFigures['revenue'], y: Money): string {
  const t = f.total;
  if (t.budgetFen === null) return `本年经费${what}合计${y(t.actualFen)}（本年度无已批准的预算）。`;
  const diff = t.differenceFen ?? 0;
  const dir = diff >= 0 ? '增加' : '减少';
  return `本年经费${what}合计${y(t.actualFen)}，预算${y(t.budgetFen)}，比预算${dir}${y(Math.abs(diff))}，预算完成率为${t.rateText}。`;
}

/** The generated paragraph of each figure section (§4 "Figures the generator supplies"). */
export function figureParagraphs(f: ReportFigures, y: Money = moneyIn('yuan')): Partial<Record<ReportSection, string>> {
  const rev = f.revenue.lines.filter((l) => l.level === 1).map((l) => lineSentence(l, y)).join('；');
  const exp = f.expenditure.lines.filter((l) => l.level === 1).map((l) => lineSentence(l, y)).join('；');
  const key = f.expenditure.lines.filter((l) => l.level === 2).map((l) => `${l.name}${y(l.actualFen)}`).join('，');
  const lv = f.levy;
  const levy =
    lv.grossFen > 0
      ? `拨缴经费按工资总额的2%计提共${y(lv.grossFen)}，其中留成${y(lv.retainedFen)}计入拨缴经费收入，应上缴上级工会${y(lv.accruedUpwardFen)}（列应付上级经费，不作支出），本年已上缴${y(lv.remittedFen)}，${lv.clearedAtYearEnd ? '年末已全部上缴' : `年末尚有${y(lv.payableAtYearEndFen)}未上缴`}。`
      : '';
  const b = f.balance;
  const a = f.assets;
  return {
    revenue: `${totalSentence('收入', f.revenue, y)}其中：${rev}。${levy}`,
    expenditure: `${totalSentence('支出', f.expenditure, y)}其中：${exp}。${key ? `主要明细：${key}。` : ''}`,
    balance:
      `本年收支差额${y(b.surplusFen)}。年初资金结转${y(b.openingCarryFen)}、资金结余${y(b.openingSurplusFen)}` +
      `${b.adjustmentsFen !== 0 ? `，资金结转结余调整及变动${y(b.adjustmentsFen)}` : ''}；年末资金结转${y(b.closingCarryFen)}、资金结余${y(b.closingSurplusFen)}，` +
      `年末结转结余合计${y(b.closingCarryFen + b.closingSurplusFen)}。`,
    assets:
      `年末固定资产原值${y(a.fixedOriginalFen)}，累计折旧${y(a.accumulatedDepreciationFen)}，净值${y(a.fixedNetFen)}` +
      `${a.inventoryFen !== 0 ? `；库存物品${y(a.inventoryFen)}` : ''}；资产总计${y(a.totalAssetsFen)}。`,
  };
}

export function defaultMeta(year: number, today: string): ReportMeta {
  return { committee: '工会经费审查委员会', meeting: '', reportDate: today < `${year + 1}-01-01` ? `${year + 1}-01-31` : today, unit: 'yuan' };
}

/** The draft narrative the reviewer edits. */
export function defaultSections(f: ReportFigures, meta: ReportMeta, findings: FindingLite[]): ReportSections {
  const checks = f.checks;
  const books = checks.balanceSheetBalanced && checks.trialBalanceEven && checks.incomeStatementConsistent;
  const problems =
    findings.length > 0
      ? findings
          .map((x, i) => `${i + 1}. ${x.title}（${FINDING_SEVERITY[x.severity] ?? x.severity}，${FINDING_STATUS[x.status] ?? x.status}）。${x.recommendation ? `建议：${x.recommendation}` : ''}`)
          .join('\n')
      : '本年度审查未发现需要报告的问题。建议继续严格执行预算，规范支出审批和原始凭证管理。';
  return {
    preamble:
      `根据《中华人民共和国工会法》《中国工会章程》《工会会计制度》和《基层工会经费收支管理办法》的规定，${meta.committee}对${f.unionName}${f.year}年度（${f.periodLabel}）的经费收支和资产管理情况进行了审查。` +
      `审查采取“看、查、听”的方法，查阅了本年度全部记账凭证、会计账簿和会计报表。我代表${meta.committee}向大会报告经费审查工作，现将审查情况报告如下：`,
    revenue: '',
    expenditure: '',
    balance: '',
    assets: '经清查盘点，固定资产账实相符、账物相符。',
    opinion: books
      ? `经审查，${f.unionName}${f.year}年度经费收支符合《中华人民共和国工会法》《工会会计制度》和《基层工会经费收支管理办法》的规定，各项支出审批手续完备，原始凭证齐全，做到了帐证、帐表、帐帐相符。`
      : `经审查，${f.year}年度账表核对发现不符（资产负债表、科目余额表或收入支出表未能相互核对一致），请财务部门查明原因后再行审查。`,
    problems,
    closing: '以上报告，请予审议。',
  };
}

export { FINDING_SEVERITY, FINDING_STATUS };
