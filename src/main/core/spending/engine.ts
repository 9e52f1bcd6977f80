// The compliance engine (issue 5; spending-rules.md §2, §5, §7): a PURE function of
// (request, ledger state, rule set). No I/O, no clock — the date is in the request. Every finding
// carries the §7 rule id, its severity, a Chinese message with the figures, the citation and a fix.
import { formatYuan, type Fen } from '../../contract/money';
import {
  BENEFIT_LABELS,
  CASH_AND_CARD_FORMS,
  PAYEE_KIND_LABELS,
  PERSONAL_BENEFIT_TYPES,
  RELATION_LABELS,
  ruleSetVersionOf,
  type BenefitForm,
  type BenefitKey,
  type EngineFinding,
  type EngineResult,
  type EvidenceKind,
  type LedgerState,
  type MemberState,
  type RuleSet,
  type Severity,
  type SpendingRequest,
  type SpendingType,
} from './model';

/** Citations, as spending-rules.md gives them (document and article). */
export const CITATIONS = {
  'CHK-REQ-1': '设计规则（申请金额须等于发放明细合计；个人慰问须列明领取人）',
  'CHK-BBZ-1': '八不准 BBZ-1：《基层工会经费收支管理办法》（总工办发〔2017〕32号）“不准使用工会经费请客送礼”',
  'CHK-BBZ-2': '八不准 BBZ-2：总工办发〔2017〕32号“不准违反工会经费使用规定，滥发奖金、津贴、补贴”',
  'CHK-BBZ-3': '八不准 BBZ-3：总工办发〔2017〕32号“不准使用工会经费从事高消费性娱乐和健身活动”',
  'CHK-BBZ-4': '八不准 BBZ-4：总工办发〔2017〕32号“不准单位行政利用工会账户，违规设立‘小金库’”',
  'CHK-BBZ-5': '八不准 BBZ-5：总工办发〔2017〕32号“不准将工会账户并入单位行政账户，使工会经费开支失去控制”；第三条 经费独立',
  'CHK-BBZ-7': '八不准 BBZ-7：总工办发〔2017〕32号“不准用工会经费参与非法集资活动，或为非法集资活动提供经济担保”',
  'CHK-BBZ-8': '八不准 BBZ-8：总工办发〔2017〕32号“不准用工会经费报销与工会活动无关的费用”',
  'CHK-KW-1': '八不准 BBZ-1；REL-1（2014年补充通知“不得购买党风廉政建设有关规定明令禁止发放的物品”）；票据要求 R-INV',
  'CHK-CARD-1': '总工办发〔2014〕23号 四(二)“不准用工会经费购买购物卡、代金券等”（2014 BBZ-1）；省级实施办法（湖北“不得发放现金和购物卡”，河南“不得发放现金、购物卡、代金券等”）',
  'CHK-FEST-1': '总工办发〔2017〕32号 第八条(四)；2014年补充通知：年节指新年、春节、清明节、劳动节、端午节、中秋节和国庆节及经自治区以上人民政府批准设立的少数民族节日',
  'CHK-FORM-1': '总工办发〔2017〕32号 第八条(四)（慰问品、慰问金、纪念品的发放形式）',
  'CHK-MEM-1': '《中国工会章程》第八条“会员离休、退休和失业，可保留会籍”；退休会员福利规则 R-RET（◐）',
  'CHK-MEM-2': '皖工发〔2025〕18号（派遣、借调人员只在一处享受集体福利；未缴会费者不享受）',
  'CHK-PRIZE-1': '总工办发〔2017〕32号：“奖励范围不得超过参与人数的三分之二”',
  'CHK-OUT-1': '总工办发〔2017〕32号（荆州市总工会2022年通知转述）：“会费不足部分可用工会经费弥补，弥补部分不超过基层工会当年会费收入的三倍”',
  'CHK-OUT-2': '2014年补充通知（◐）：“当日往返”，“严格控制在单位所在城市”，不得前往有关部门明令禁止的风景名胜区',
  'CHK-REST-1': '安徽省总工会疗休养意见（◐）：省内≤5天、省外≤7天，≤400元/人/天，须购买意外保险',
  'CHK-CASH-1': '《现金管理暂行条例》：结算起点（1000元）以下的零星支出可用现金，其余单位间往来应转账结算',
  'CHK-APP-1': '《中国工会章程》第九条(五)“凡属重大问题由委员会民主讨论，作出决定”；皖工发〔2025〕18号“重大收支须集体研究决定”',
  'CHK-BUD-1': '总工办发〔2017〕32号 第三条 预算管理“将单位各项收支全部纳入预算管理”；皖工发〔2025〕18号“严禁无预算、超预算列支”',
  'CHK-ATT-2': '报销附件要求 R-ATT（◐ 单位实务）；皖工发〔2025〕18号“审批手续齐全、实名发放、实名签收”',
  'CHK-FREQ-1': '设计规则（生日每年一次；结婚、退休不重复）；皖工发〔2025〕18号（同一疾病一年慰问一次）',
} as const;
export type EngineRuleId = keyof typeof CITATIONS | 'CHK-FEST-2' | 'CHK-CAP-1' | 'CHK-PRIZE-2' | 'CHK-OUT-3';

const y = (fen: Fen): string => formatYuan(fen);

/** The preset citation: document, number, as-of and reliability. */
export function presetCitation(rules: RuleSet, what: string): string {
  const s = rules.source;
  const parts = [s.document, s.docNumber, s.asOf ? `（${s.asOf}）` : null].filter((p): p is string => p !== null).join('');
  const mark = s.reliability === 'confirmed' ? '✅' : s.reliability === 'secondary' ? '◐' : '❓';
  return `支出标准预设 ${rules.id} v${rules.version}：${parts} ${what}（${mark}）`;
}

/** Benefit kind of a request (counted against caps), or null. */
export function benefitKeyOf(r: SpendingRequest): BenefitKey | null {
  switch (r.type) {
    case '节日慰问':
      return 'festival';
    case '生日慰问':
      return 'birthday';
    case '结婚':
      return 'marriage';
    case '生育':
      return 'birth';
    case '住院':
      return 'hospital';
    case '会员或直系亲属去世':
      return r.death?.relation === 'member' ? 'death_member' : 'death_relative';
    case '退休':
      return 'retirement';
    case '困难帮扶':
      return 'hardship';
    case '送温暖':
      return 'warmth';
    case '金秋助学':
      return 'schooling';
    case '观影':
      return 'film';
    case '春秋游':
      return 'outing';
    case '文体活动':
      return /服装|队服|运动服/.test(r.description) ? 'uniform' : null;
    default:
      return null;
  }
}

/**
 * What recipients get: the explicit benefitForm, else the payment method when it names a form,
 * else money (现金/慰问金) when paid to members, else goods bought from the payee.
 */
export function benefitFormOf(r: SpendingRequest): BenefitForm {
  if (r.benefitForm) return r.benefitForm;
  switch (r.paymentMethod) {
    case '银行转账':
    case '公务卡':
    case '现金':
      return r.payee.kind === 'member' || (r.paymentMethod === '现金' && r.recipients.length > 0 && r.payee.kind !== 'supplier') ? '现金' : '实物';
    default:
      return r.paymentMethod;
  }
}

const isPersonalBenefit = (t: SpendingType): boolean => (PERSONAL_BENEFIT_TYPES as readonly SpendingType[]).includes(t);

function textOf(r: SpendingRequest): string {
  return [r.description, ...(r.keywords ?? []), r.payee.name, ...r.recipients.map((x) => x.item ?? ''), r.outing?.destination ?? ''].join(' ');
}

function hits(text: string, words: readonly string[]): string[] {
  const t = text.toUpperCase();
  return words.filter((w) => w.length > 0 && t.includes(w.toUpperCase()));
}

/** Recipients merged by member (a member listed twice counts once, with the sum). */
function mergedRecipients(r: SpendingRequest): { memberId: string; amountFen: Fen }[] {
  const m = new Map<string, Fen>();
  for (const x of r.recipients) m.set(x.memberId, (m.get(x.memberId) ?? 0) + x.amountFen);
  return [...m].map(([memberId, amountFen]) => ({ memberId, amountFen }));
}

/** ⌊a × num / den⌋ on integers (BigInt: no overflow, no floating point). */
function mulDiv(a: number, num: number, den: number): number {
  return Number((BigInt(a) * BigInt(num)) / BigInt(den));
}

/** Checks one expense request. Pure: same inputs, same result. */
export function checkRequest(request: SpendingRequest, state: LedgerState, rules: RuleSet): EngineResult {
  const findings: EngineFinding[] = [];
  const S = rules.settings;
  const add = (rule: EngineRuleId, severity: Severity, message: string, fix: string, citation?: string, memberId?: string): void => {
    const f: EngineFinding = { rule, severity, message, citation: citation ?? CITATIONS[rule as keyof typeof CITATIONS], fix };
    if (memberId !== undefined) f.memberId = memberId;
    findings.push(f);
  };
  const r = request;
  const text = textOf(r);
  const form = benefitFormOf(r);
  const key = benefitKeyOf(r);
  const personal = isPersonalBenefit(r.type);
  const recipients = mergedRecipients(r);
  const nameOf = (id: string): string => state.members[id]?.name ?? `会员 ${id}`;
  const evidence = new Set<EvidenceKind>(r.evidence);

  // CHK-REQ-1: the request itself is coherent.
  if (personal && recipients.length === 0) {
    add('CHK-REQ-1', 'block', `${r.type}须列明领取会员及各自金额，本申请未列领取人。`, '在“领取人”中逐人填写会员和金额（或物品）。');
  }
  if (recipients.length > 0) {
    const sum = recipients.reduce((s, x) => s + x.amountFen, 0);
    if (sum !== r.amountFen) {
      add(
        'CHK-REQ-1',
        'block',
        `领取人合计 ${y(sum)} 元，与申请金额 ${y(r.amountFen)} 元不符，相差 ${y(Math.abs(sum - r.amountFen))} 元。`,
        '使申请金额等于领取人金额合计。',
      );
    }
  }

  // ---- 八不准 --------------------------------------------------------------------------------
  if (state.accountMergedWithEmployer) {
    add('CHK-BBZ-5', 'block', '工会经费账户被标记为并入单位行政账户或由单位行政控制，任何支出不得办理。', '设立独立的工会经费银行账户，并在“银行账户”中更正标记。');
  }
  const adminHits = hits(r.description + ' ' + (r.keywords ?? []).join(' '), S.keywords.employerAdministration);
  if (r.payee.kind === 'employer') {
    add(
      'CHK-BBZ-4',
      'block',
      `收款方“${r.payee.name}”为单位行政（${PAYEE_KIND_LABELS.employer}），工会经费不得支付单位行政的费用，金额 ${y(r.amountFen)} 元。`,
      '由单位行政自有经费承担；工会只支付本工会活动的费用，收款方为实际供应商或会员。',
    );
  } else if (adminHits.length > 0) {
    add(
      'CHK-BBZ-4',
      'block',
      `用途含“${adminHits.join('、')}”，属单位行政开支，金额 ${y(r.amountFen)} 元，不得由工会经费列支。`,
      '由单位行政经费承担；如确为工会自身活动，请改写用途说明。',
    );
  }
  const hospitality = hits(r.description + ' ' + (r.keywords ?? []).join(' '), S.keywords.hospitality);
  if (hospitality.length > 0) {
    add('CHK-BBZ-1', 'block', `用途含“${hospitality.join('、')}”，属请客送礼，金额 ${y(r.amountFen)} 元。`, '取消该支出；工会经费不得用于宴请、请客送礼。');
  }
  if (r.meeting?.meals && r.meeting.venueClass === 'high_end') {
    add('CHK-BBZ-1', 'block', `会议在高档场所安排用餐，金额 ${y(r.amountFen)} 元，属公款宴请。`, '改在单位内部或普通场所，按规定标准安排工作餐。');
  }
  const ent = hits(text, S.keywords.entertainment);
  if (ent.length > 0 || r.venueClass === 'high_end') {
    const why = ent.length > 0 ? `含“${ent.join('、')}”` : '活动场所为高消费场所';
    add('CHK-BBZ-3', 'block', `${why}，属高消费性娱乐健身活动，金额 ${y(r.amountFen)} 元。`, '改为普通文体活动场所和项目。');
  }
  const fund = hits(r.description + ' ' + (r.keywords ?? []).join(' '), S.keywords.fundraising);
  if (r.type === '对外借款' || r.type === '对外担保' || r.type === '对外投资' || fund.length > 0) {
    const why = fund.length > 0 ? `用途含“${fund.join('、')}”` : `事项为“${r.type}”`;
    add('CHK-BBZ-7', 'block', `${why}，金额 ${y(r.amountFen)} 元：工会经费不得出借、担保或参与集资。`, '取消该事项；工会经费不得为第三方借款、担保或投资。');
  }
  // BBZ-2: money to members outside the approved prize / welfare categories.
  const cashToMember = (r.payee.kind === 'member' || recipients.length > 0) && form === '现金';
  const bonusWords = hits(r.description + ' ' + (r.keywords ?? []).join(' '), S.keywords.bonus);
  const approvedCashCategory =
    personal ||
    r.type === '培训' ||
    r.type === '职工教育' ||
    r.account.startsWith('50504') ||
    ((r.type === '劳动竞赛' || r.type === '文体活动') && r.competition !== undefined);
  if (!approvedCashCategory && cashToMember && (!evidence.has('发票') || bonusWords.length > 0)) {
    const why = bonusWords.length > 0 ? `用途含“${bonusWords.join('、')}”，` : '';
    add(
      'CHK-BBZ-2',
      S.severity.bonus,
      `${why}以“${r.type}”名义向会员发放现金 ${y(r.amountFen)} 元，不属于经批准的奖励或福利项目。`,
      '按经批准的奖励、慰问项目办理（附获奖名单或慰问依据），或凭发票报销实际费用。',
    );
  } else if (personal && bonusWords.length > 0) {
    add('CHK-BBZ-2', S.severity.bonus, `用途含“${bonusWords.join('、')}”，疑似以慰问名义发放奖金津贴，金额 ${y(r.amountFen)} 元。`, '删除与慰问无关的发放内容，或按工资渠道由单位发放。');
  }
  // BBZ-8: nothing links the expense to a union activity.
  if (r.description.trim() === '' || (r.type === '其他' && !r.activityRef && !evidence.has('活动方案') && !evidence.has('审批单') && !r.collectiveDecision)) {
    add('CHK-BBZ-8', 'warn', `“${r.type}”支出 ${y(r.amountFen)} 元未关联工会活动、活动方案或审批依据。`, '填写用途，并关联活动或附活动方案、审批单。');
  }
  const kw = hits(text, S.keywords.suspicious);
  if (kw.length > 0) {
    add('CHK-KW-1', 'warn', `申请内容含“${kw.join('、')}”，请核实是否属于禁止购买、发放的物品。`, '删除相关物品，或说明其用途后由主席审核。');
  }

  // ---- Festivals (R-FEST, CHK-CARD-1, CHK-FEST-1/2) --------------------------------------------
  if (r.type === '节日慰问') {
    const festivals = [...S.statutoryFestivals, ...S.minorityFestivals];
    const fest = r.festival ?? '';
    if (!festivals.includes(fest)) {
      add(
        'CHK-FEST-1',
        'warn',
        `“${fest || '未填写节日'}”不属于年节（${festivals.join('、')}），不应发放节日慰问品，本次 ${y(r.amountFen)} 元。`,
        '改为相应的工会活动（如三八节组织体检、重阳节走访困难退休会员按困难帮扶办理），或选择年节。',
      );
    }
    if (!rules.festival.allowedForms.includes(form)) {
      if (CASH_AND_CARD_FORMS.includes(form)) {
        add(
          'CHK-CARD-1',
          'block',
          `节日慰问以“${form}”形式发放，金额 ${y(r.amountFen)} 元：节日慰问不得发放现金、购物卡、储值卡、礼品卡或代金券。`,
          `改为发放实物${rules.festival.allowedForms.filter((f) => f !== '实物').length > 0 ? `或${rules.festival.allowedForms.filter((f) => f !== '实物').join('、')}` : ''}。`,
        );
      } else {
        add('CHK-FORM-1', 'block', `节日慰问不得以“${form}”形式发放（允许：${rules.festival.allowedForms.join('、')}）。`, `改为${rules.festival.allowedForms.join('、')}。`, CITATIONS['CHK-FORM-1'] + '；' + presetCitation(rules, '发放形式'));
      }
    }
    for (const cap of rules.festival.caps) {
      const sev = S.severity.festivalCap;
      const cite = presetCitation(rules, '节日慰问上限');
      if (cap.scope === 'per_member_per_year' || cap.scope === 'per_festival') {
        for (const x of recipients) {
          const m = state.members[x.memberId];
          const limit = cap.scope === 'per_member_per_year' ? cap.capFen : (cap.caps[fest] ?? cap.otherFen);
          const already = cap.scope === 'per_member_per_year' ? (m?.receivedThisYear.festival?.fen ?? 0) : (m?.festivalsThisYear[fest]?.fen ?? 0);
          const total = already + x.amountFen;
          if (total > limit) {
            const what = cap.scope === 'per_member_per_year' ? '本年节日慰问' : `本年${fest}慰问`;
            add(
              'CHK-FEST-2',
              sev,
              `${nameOf(x.memberId)}${what}已领 ${y(already)} 元，本次 ${y(x.amountFen)} 元，超出上限 ${y(limit)} 元 ${y(total - limit)} 元。`,
              `将${nameOf(x.memberId)}本次金额降至 ${y(Math.max(0, limit - already))} 元以内。`,
              cite,
              x.memberId,
            );
          }
        }
      } else if (cap.scope === 'per_distribution') {
        for (const x of recipients) {
          if (x.amountFen > cap.capFen) {
            add('CHK-FEST-2', sev, `${nameOf(x.memberId)}本次节日慰问 ${y(x.amountFen)} 元，超出每次每人上限 ${y(cap.capFen)} 元 ${y(x.amountFen - cap.capFen)} 元。`, `将本次金额降至 ${y(cap.capFen)} 元以内。`, cite, x.memberId);
          }
        }
      } else {
        const base = cap.scope === 'pct_of_budget_income' ? state.budgetedIncomeFen : state.retainedLevyFen;
        const baseName = cap.scope === 'pct_of_budget_income' ? '年度预算收入' : '留成拨缴经费';
        const pct = `${Math.trunc(cap.basisPoints / 100)}${cap.basisPoints % 100 === 0 ? '' : `.${String(cap.basisPoints % 100).padStart(2, '0')}`}%`;
        if (base === undefined || state.festivalSpentThisYearFen === undefined) {
          add('CHK-FEST-2', 'warn', `预设按${baseName}的 ${pct} 控制节日慰问总额，但缺少${baseName}或本年已发节日慰问总额，无法核对。`, `录入${baseName}及本年节日慰问支出后重新检查。`, cite);
        } else {
          const limit = mulDiv(base, cap.basisPoints, 10000);
          const total = state.festivalSpentThisYearFen + r.amountFen;
          if (total > limit) {
            add(
              'CHK-FEST-2',
              sev,
              `本年节日慰问已支出 ${y(state.festivalSpentThisYearFen)} 元，本次 ${y(r.amountFen)} 元，超出上限 ${y(limit)} 元（${baseName} ${y(base)} 元的 ${pct}）${y(total - limit)} 元。`,
              `将本次金额降至 ${y(Math.max(0, limit - state.festivalSpentThisYearFen))} 元以内。`,
              cite,
            );
          }
        }
      }
    }
    const maxN = rules.festival.maxDistributionsPerYear;
    const done = state.festivalDistributionsThisYear ?? 0;
    if (maxN !== null && done + 1 > maxN) {
      add('CHK-FREQ-1', 'warn', `本年已发放节日慰问 ${done} 次，本次为第 ${done + 1} 次，超过一般不超过 ${maxN} 次的规定。`, '合并到已有的节日发放中。', presetCitation(rules, '节日慰问发放次数'));
    }
  }

  // ---- Other benefits: form, caps, frequency (CHK-FORM-1, CHK-CAP-1, CHK-FREQ-1) -------------
  if (key !== null && key !== 'festival') {
    const rule = rules.benefits[key];
    const label = BENEFIT_LABELS[key];
    if (rule?.allowedForms && personal && !rule.allowedForms.includes(form)) {
      add('CHK-FORM-1', 'block', `${label}不得以“${form}”形式发放（允许：${rule.allowedForms.join('、')}）。`, `改为${rule.allowedForms.join('、')}。`, CITATIONS['CHK-FORM-1'] + '；' + presetCitation(rules, '发放形式'));
    }
    if (key === 'death_relative' && r.death && !S.deathRelatives.includes(r.death.relation)) {
      add(
        'CHK-FORM-1',
        'warn',
        `去世者为会员的${RELATION_LABELS[r.death.relation]}，不在慰问范围（${S.deathRelatives.map((x) => RELATION_LABELS[x]).join('、')}）内。`,
        '仅对设置中列明的直系亲属去世发放慰问金；如单位标准另有规定，请调整设置。',
        CITATIONS['CHK-FORM-1'] + '；' + presetCitation(rules, '直系亲属范围'),
      );
    }
    const cite = presetCitation(rules, `${label}标准`);
    const occasionCap = key === 'hospital' && r.hospital?.surgery && rule?.withSurgeryFen !== undefined ? rule.withSurgeryFen : rule?.perOccasionFen;
    for (const x of recipients) {
      const m = state.members[x.memberId];
      const name = nameOf(x.memberId);
      if (occasionCap !== undefined && x.amountFen > occasionCap) {
        const tier = key === 'hospital' ? (r.hospital?.surgery ? '（手术）' : '（未手术）') : '';
        add('CHK-CAP-1', S.severity.cap, `${name}本次${label}${tier} ${y(x.amountFen)} 元，超出每次上限 ${y(occasionCap)} 元 ${y(x.amountFen - occasionCap)} 元。`, `将${name}本次金额降至 ${y(occasionCap)} 元以内。`, cite, x.memberId);
      }
      if (rule?.perYearFen !== undefined) {
        const already = m?.receivedThisYear[key]?.fen ?? 0;
        const total = already + x.amountFen;
        if (total > rule.perYearFen) {
          add('CHK-CAP-1', S.severity.cap, `${name}本年${label}已领 ${y(already)} 元，本次 ${y(x.amountFen)} 元，超出上限 ${y(rule.perYearFen)} 元 ${y(total - rule.perYearFen)} 元。`, `将${name}本次金额降至 ${y(Math.max(0, rule.perYearFen - already))} 元以内。`, cite, x.memberId);
        }
      }
      const count = m?.receivedThisYear[key]?.count ?? 0;
      if (rule?.oncePerYear && count >= 1) {
        add('CHK-FREQ-1', 'warn', `${name}本年已领${label} ${count} 次，每年限一次。`, `删除${name}，或核实上次记录。`, CITATIONS['CHK-FREQ-1'], x.memberId);
      }
      if (rule?.oncePerMember && (m?.everReceived ?? []).includes(key)) {
        add('CHK-FREQ-1', 'warn', `${name}已领过${label}，不应重复发放。`, `删除${name}，或核实上次记录。`, CITATIONS['CHK-FREQ-1'], x.memberId);
      }
      const illness = r.hospital?.illness;
      if (key === 'hospital' && rule?.sameIllnessOncePerYear && illness && (m?.illnessesThisYear ?? []).includes(illness)) {
        add('CHK-FREQ-1', 'warn', `${name}本年已因“${illness}”住院慰问过，同一疾病一年慰问一次。`, '删除本次慰问，或核实是否为不同疾病。', CITATIONS['CHK-FREQ-1'], x.memberId);
      }
    }
  }

  // ---- Membership (CHK-MEM-1, CHK-MEM-2) --------------------------------------------------------
  const welfare50105 = r.account.startsWith('50105');
  for (const x of recipients) {
    const m: MemberState | undefined = state.members[x.memberId];
    const sevNonMember: Severity = welfare50105 ? 'block' : 'warn';
    if (!m) {
      add('CHK-MEM-1', sevNonMember, `领取人 ${x.memberId} 不在会员名册中，不能领取${r.type} ${y(x.amountFen)} 元。`, '从领取名单中删除，或先在会员名册中登记。', undefined, x.memberId);
      continue;
    }
    if (m.status === 'transferred' || m.status === 'withdrawn') {
      const st = m.status === 'transferred' ? '调出' : '退会';
      add('CHK-MEM-1', sevNonMember, `${m.name}在 ${r.date} 的会员状态为“${st}”，不能领取${r.type} ${y(x.amountFen)} 元。`, `从领取名单中删除${m.name}。`, undefined, x.memberId);
    } else if ((m.status === 'retired' || m.status === 'unemployed') && S.retireeRestrictedTypes.includes(r.type)) {
      const st = m.status === 'retired' ? '退休·保留会籍' : '失业·保留会籍';
      add(
        'CHK-MEM-1',
        S.retireeWelfare,
        `${m.name}为“${st}”会员，${r.type} ${y(x.amountFen)} 元属在职会员福利，不由工会经费发放。`,
        `从名单中删除${m.name}（退休人员慰问由单位离退休管理部门承担）；困难退休会员可按困难帮扶办理。`,
        undefined,
        x.memberId,
      );
    }
    if (welfare50105 || personal) {
      if (rules.membership.agencyWelfareOnePlace && m.welfareElsewhere) {
        add('CHK-MEM-2', 'warn', `${m.name}（${m.employmentType}）已在其他单位工会享受集体福利，只能在一处享受。`, `从名单中删除${m.name}，或确认其在原单位未享受。`, undefined, x.memberId);
      }
      if (rules.membership.requireDuesPaying && m.duesPaying === false) {
        add('CHK-MEM-2', 'warn', `${m.name}未缴纳会费或不在拨缴基数内，不享受集体福利。`, `补缴会费后再发放，或从名单中删除${m.name}。`, undefined, x.memberId);
      }
    }
  }

  // ---- Prizes (CHK-PRIZE-1, CHK-PRIZE-2) --------------------------------------------------------
  if (r.competition) {
    const { participants, tiers } = r.competition;
    const share = rules.prizes.maxWinnerShare;
    const maxWinners = mulDiv(participants, share.num, share.den);
    const winners = tiers.filter((t) => !t.souvenir).reduce((s, t) => s + t.winners, 0);
    if (winners > maxWinners) {
      add(
        'CHK-PRIZE-1',
        'block',
        `参与 ${participants} 人，获奖 ${winners} 人，超过 ${share.num}/${share.den}（最多 ${maxWinners} 人）${winners - maxWinners} 人。`,
        `将获奖人数减至 ${maxWinners} 人以内；未获奖者可发放少量纪念品。`,
        share.num === 2 && share.den === 3 ? CITATIONS['CHK-PRIZE-1'] : CITATIONS['CHK-PRIZE-1'] + '；' + presetCitation(rules, `获奖比例 ${share.num}/${share.den}`),
      );
    }
    const p = rules.prizes;
    const cite = presetCitation(rules, '奖品标准');
    const prizeTiers = tiers.filter((t) => !t.souvenir);
    prizeTiers.forEach((t, i) => {
      const caps: { cap: Fen; what: string }[] = [];
      if (i === 0 && p.topPrizeCapFen !== undefined) caps.push({ cap: p.topPrizeCapFen, what: '最高奖' });
      if (p.perPrizeCapFen !== undefined) caps.push({ cap: p.perPrizeCapFen, what: '每份奖品' });
      if (t.team && p.teamPerPersonCapFen !== undefined) caps.push({ cap: p.teamPerPersonCapFen, what: '团体奖每人' });
      if (!t.team && p.individualCapFen !== undefined) caps.push({ cap: p.individualCapFen, what: '个人奖' });
      for (const c of caps) {
        if (t.amountFenEach > c.cap) {
          add('CHK-PRIZE-2', 'warn', `“${t.name}”每份 ${y(t.amountFenEach)} 元，超出${c.what}上限 ${y(c.cap)} 元 ${y(t.amountFenEach - c.cap)} 元。`, `将“${t.name}”降至 ${y(c.cap)} 元以内。`, cite);
        }
      }
    });
    for (const t of tiers.filter((x) => x.souvenir)) {
      if (p.souvenirCapFen !== undefined && t.amountFenEach > p.souvenirCapFen) {
        add('CHK-PRIZE-2', 'warn', `纪念品“${t.name}”每份 ${y(t.amountFenEach)} 元，超出上限 ${y(p.souvenirCapFen)} 元 ${y(t.amountFenEach - p.souvenirCapFen)} 元。`, `将纪念品降至 ${y(p.souvenirCapFen)} 元以内。`, cite);
      }
    }
  }

  // ---- Outings (CHK-OUT-1/2/3) --------------------------------------------------------------------
  if (r.outing) {
    const o = r.outing;
    const limit = state.duesIncomeFen * rules.outing.duesTopUpMultiple;
    const total = state.outingTopUpUsedFen + o.topUpFen;
    if (total > limit) {
      add(
        'CHK-OUT-1',
        'warn',
        `本年春秋游、观影等已用经费弥补 ${y(state.outingTopUpUsedFen)} 元，本次弥补 ${y(o.topUpFen)} 元，合计超出当年会费收入 ${y(state.duesIncomeFen)} 元的 ${rules.outing.duesTopUpMultiple} 倍（${y(limit)} 元）${y(total - limit)} 元。`,
        `将本次弥补部分降至 ${y(Math.max(0, limit - state.outingTopUpUsedFen))} 元以内，其余由会费或个人承担。`,
      );
    }
    if (rules.outing.sameDay && o.days > 1) {
      add('CHK-OUT-2', S.severity.outing, `活动为期 ${o.days} 天，须当日往返。`, '改为一日往返的行程。');
    }
    const areas = rules.outing.allowedAreas;
    if (areas.length > 0 && !areas.some((a) => o.destination.includes(a))) {
      add('CHK-OUT-2', S.severity.outing, `目的地“${o.destination}”不在允许范围（${areas.join('、')}）内。`, `改在${areas.join('、')}范围内组织。`);
    }
    if (o.bannedScenicArea) {
      add('CHK-OUT-2', S.severity.outing, `目的地“${o.destination}”属有关部门明令禁止的风景名胜区。`, '更换目的地。');
    }
    const mealCap = rules.outing.mealCapFenPerPersonPerDay;
    if (mealCap !== undefined && o.mealFenPerPersonPerDay !== undefined && o.mealFenPerPersonPerDay > mealCap) {
      add('CHK-OUT-3', 'warn', `餐费每人每天 ${y(o.mealFenPerPersonPerDay)} 元，超出上限 ${y(mealCap)} 元 ${y(o.mealFenPerPersonPerDay - mealCap)} 元。`, `将餐费降至每人每天 ${y(mealCap)} 元以内。`, presetCitation(rules, '活动餐费标准'));
    }
  }

  // ---- Convalescence (CHK-REST-1) ---------------------------------------------------------------
  if (r.type === '疗休养' && r.rest && rules.rest) {
    const rr = rules.rest;
    const maxDays = r.rest.outsideProvince ? rr.maxDaysOutside : rr.maxDaysInProvince;
    const where = r.rest.outsideProvince ? '省外' : '省内';
    if (r.rest.days > maxDays) add('CHK-REST-1', 'warn', `${where}疗休养 ${r.rest.days} 天，超过 ${maxDays} 天。`, `缩短至 ${maxDays} 天以内。`);
    const personDays = r.rest.participants * r.rest.days;
    if (personDays > 0) {
      const limit = rr.maxFenPerPersonPerDay * personDays;
      if (r.amountFen > limit) {
        add(
          'CHK-REST-1',
          'warn',
          `疗休养 ${r.rest.participants} 人 × ${r.rest.days} 天，共 ${y(r.amountFen)} 元，超出每人每天 ${y(rr.maxFenPerPersonPerDay)} 元的标准（${y(limit)} 元）${y(r.amountFen - limit)} 元。`,
          '超出部分由个人承担。',
        );
      }
    }
    if (rr.insuranceRequired && !r.rest.insured) add('CHK-REST-1', 'warn', '疗休养未购买意外保险。', '为参加人员购买意外保险并附保险单。');
  }

  // ---- Cash (CHK-CASH-1) -------------------------------------------------------------------------
  if (r.paymentMethod === '现金') {
    const threshold = S.cashThresholdFen;
    if (r.payee.kind !== 'member' && recipients.length === 0) {
      if (r.amountFen > threshold) {
        add(
          'CHK-CASH-1',
          S.severity.cash,
          `向${PAYEE_KIND_LABELS[r.payee.kind]}“${r.payee.name}”现金支付 ${y(r.amountFen)} 元，超过现金结算起点 ${y(threshold)} 元。`,
          '改为银行转账或公务卡支付。',
        );
      }
    } else {
      const big = recipients.filter((x) => x.amountFen > threshold);
      const list = big.length > 0 ? big : r.payee.kind === 'member' && recipients.length === 0 && r.amountFen > threshold ? [{ memberId: r.payee.memberId ?? r.payee.name, amountFen: r.amountFen }] : [];
      for (const x of list) {
        // Cash to a person is lawful (现金管理暂行条例: 对个人支出); transfer is unit practice ◐: warn only.
        add('CHK-CASH-1', 'warn', `以现金向${nameOf(x.memberId)}支付 ${y(x.amountFen)} 元，超过现金结算起点 ${y(threshold)} 元。`, '改为转账至会员本人银行卡。', undefined, x.memberId);
      }
    }
  }

  // ---- Evidence (CHK-ATT-2, §5.8) ---------------------------------------------------------------
  const required: { kind: EvidenceKind; why: string }[] = [];
  const need = (kind: EvidenceKind, why: string, stage: 'submit' | 'pay'): void => {
    if (stage === 'submit' || r.stage === 'pay') required.push({ kind, why });
  };
  const activity = r.type === '文体活动' || r.type === '春秋游' || r.type === '观影' || r.type === '劳动竞赛';
  if (activity) {
    need('活动方案', '活动类支出', 'submit');
    need('参加人员名单', '活动类支出', 'submit');
  }
  if (r.type === '结婚' || r.type === '生育' || r.type === '住院' || r.type === '会员或直系亲属去世') need('事由证明', '慰问事由', 'submit');
  if (r.type === '疗休养') {
    need('参加人员名单', '疗休养', 'submit');
    need('采购记录', '疗休养', 'submit');
    if (rules.rest?.insuranceRequired) need('保险单', '疗休养', 'pay');
  }
  if (r.payee.kind === 'supplier' || r.payee.kind === 'organisation') need('发票', '对外付款', 'pay');
  if (r.paymentMethod === '公务卡') need('刷卡小票', '公务卡支付', 'pay');
  if (personal) {
    need('签领表', '个人慰问须实名签领', 'pay');
    if ((form === '实物' || form === '纪念品') && r.payee.kind === 'supplier') need('明细清单', '购物需附明细清单', 'pay');
  }
  if (r.competition && r.competition.tiers.some((t) => !t.souvenir && t.winners > 0)) need('获奖名单', '奖励', 'pay');
  if (r.collectiveDecision) need('会议纪要', '集体研究决定', 'submit');
  const missing = required.filter((q, i) => !evidence.has(q.kind) && required.findIndex((z) => z.kind === q.kind) === i);
  if (missing.length > 0) {
    add(
      'CHK-ATT-2',
      S.severity.attachments,
      `缺少附件：${missing.map((q) => `${q.kind}（${q.why}）`).join('、')}。`,
      `补充${missing.map((q) => q.kind).join('、')}后再提交。`,
    );
  }

  // ---- Collective decision (CHK-APP-1) ------------------------------------------------------------
  const major = S.majorExpenseThresholdFen;
  const overMajor = major !== null && r.amountFen >= major;
  const hardship = S.hardshipCollectiveDecision && (r.type === '困难帮扶' || r.type === '金秋助学');
  if ((overMajor || hardship) && !r.collectiveDecision) {
    const why = overMajor ? `金额 ${y(r.amountFen)} 元达到重大支出标准 ${y(major ?? 0)} 元` : `${r.type}须集体研究决定`;
    add('CHK-APP-1', 'block', `${why}，未附工会委员会集体研究决定。`, '提交工会委员会集体研究，录入会议纪要编号、日期并附会议纪要。');
  }

  // ---- Budget (CHK-BUD-1) ---------------------------------------------------------------------------
  const line = state.budgetLine;
  if (r.budgetLineId === null || !line || line.id !== r.budgetLineId) {
    add('CHK-BUD-1', S.budgetEnforcement, `本次支出 ${y(r.amountFen)} 元未对应已批准的预算项目。`, '选择已批准的预算项目，或先办理预算调整。');
  } else if (r.amountFen > line.remainingFen) {
    add(
      'CHK-BUD-1',
      S.budgetEnforcement,
      `预算项目“${line.name}”余额 ${y(line.remainingFen)} 元，本次 ${y(r.amountFen)} 元，超出 ${y(r.amountFen - line.remainingFen)} 元。`,
      `将金额降至 ${y(line.remainingFen)} 元以内，或先办理预算调整。`,
    );
  }

  return { findings, blocked: findings.some((f) => f.severity === 'block'), ruleSetVersion: ruleSetVersionOf(rules) };
}
