// The chart of accounts of 财会〔2021〕7号 附录1 (../shared/domain/accounts.md §2–§5).
// FROZEN: migration 0002 seeds the ledger from this list and its checksum covers it. A change
// to the chart is a new migration, never an edit here (tests/unit/migrations.test.ts).
//
// Normal side follows the element (资产/支出 借, 负债/净资产/收入 贷), except 163 累计折旧 (贷).
// Revenue and expenditure close into 32103 (专项) or 32203 (非专项) (T12); 321xx/322xx roll
// up at year end into 32104 / 32205 (T13).

export type Element = 'asset' | 'liability' | 'net_assets' | 'revenue' | 'expenditure';
export type Dimension = 'fund_nature' | 'expense_type' | 'counterparty' | 'bank_account' | 'custodial';

export interface ChartAccount {
  code: string;
  name: string;
  parent: string | null;
  element: Element;
  side: 'debit' | 'credit';
  scope: 'grassroots' | 'county';
  journal?: 'cash' | 'bank';
  dims?: Dimension[];
  closeSpecial?: string;
  closeGeneral?: string;
}

type Row = [code: string, name: string, extra?: Partial<ChartAccount>];

const ELEMENT_BY_FIRST_DIGIT: Record<string, [Element, 'debit' | 'credit']> = {
  '1': ['asset', 'debit'],
  '2': ['liability', 'credit'],
  '3': ['net_assets', 'credit'],
  '4': ['revenue', 'credit'],
  '5': ['expenditure', 'debit'],
};

function build(rows: Row[], scope: ChartAccount['scope']): ChartAccount[] {
  return rows.map(([code, name, extra]) => {
    const [element, side] = ELEMENT_BY_FIRST_DIGIT[code[0]!]!;
    const parent = code.length > 3 ? code.slice(0, code.length - 2) : null;
    const base: ChartAccount = { code, name, parent, element, side, scope };
    if (element === 'revenue') {
      Object.assign(base, { dims: ['fund_nature'], closeSpecial: '32103', closeGeneral: '32203' });
    }
    if (element === 'expenditure') {
      Object.assign(base, { dims: ['fund_nature', 'expense_type'], closeSpecial: '32103', closeGeneral: '32203' });
    }
    return { ...base, ...extra };
  });
}

/** The 24 grassroots accounts and their prescribed detail codes (附录1 第三部分). */
const GRASSROOTS: Row[] = [
  ['101', '库存现金', { journal: 'cash', dims: ['custodial'] }],
  ['102', '银行存款', { journal: 'bank', dims: ['custodial'] }],
  ['131', '应收上级经费', { dims: ['counterparty'] }],
  ['13101', '应收上级补助', { dims: ['counterparty'] }],
  ['13102', '应收上级转拨经费', { dims: ['counterparty'] }],
  ['135', '其他应收款', { dims: ['counterparty'] }],
  ['141', '库存物品'],
  ['162', '固定资产'],
  ['163', '累计折旧', { side: 'credit' }],
  ['182', '待处理财产损溢'],
  ['211', '应付上级经费', { dims: ['counterparty'] }],
  ['215', '其他应付款', { dims: ['counterparty'] }],
  ['301', '资产基金'],
  ['30101', '库存物品'],
  ['30102', '投资'],
  ['30103', '在建工程'],
  ['30104', '固定资产'],
  ['30105', '无形资产'],
  ['30106', '长期待摊费用'],
  ['321', '工会资金结转'],
  ['32101', '年初余额调整', { closeSpecial: '32104', closeGeneral: '32104' }],
  ['32102', '单位内部调剂', { closeSpecial: '32104', closeGeneral: '32104' }],
  ['32103', '本年收支结转', { closeSpecial: '32104', closeGeneral: '32104' }],
  ['32104', '累计结转'],
  ['322', '工会资金结余'],
  ['32201', '年初余额调整', { closeSpecial: '32205', closeGeneral: '32205' }],
  ['32202', '单位内部调剂', { closeSpecial: '32205', closeGeneral: '32205' }],
  ['32203', '本年收支结转', { closeSpecial: '32205', closeGeneral: '32205' }],
  ['32204', '结转转入', { closeSpecial: '32205', closeGeneral: '32205' }],
  ['32205', '累计结余'],
  ['401', '会费收入'],
  ['402', '拨缴经费收入'],
  ['403', '上级补助收入'],
  ['40301', '一般性转移支付补助'],
  ['40302', '专项转移支付补助'],
  ['405', '行政补助收入'],
  ['408', '其他收入'],
  ['501', '职工活动支出'],
  ['50101', '职工教育支出'],
  ['50102', '文体活动支出'],
  ['50103', '宣传活动支出'],
  ['50104', '劳模职工疗休养支出'],
  ['50105', '会员活动支出'],
  ['50106', '其他活动支出'],
  ['503', '职工服务支出'],
  ['50301', '劳动和技能竞赛活动支出'],
  ['50302', '建家活动支出'],
  ['50303', '职工创新活动支出'],
  ['50304', '职工书屋活动支出'],
  ['50305', '其他服务支出'],
  ['504', '维权支出'],
  ['50401', '劳动关系协调支出'],
  ['50402', '劳动保护支出'],
  ['50403', '法律援助支出'],
  ['50404', '困难职工帮扶支出'],
  ['50405', '送温暖支出'],
  ['50406', '其他维权支出'],
  ['505', '业务支出'],
  ['50501', '培训支出'],
  ['50502', '会议支出'],
  ['50503', '专项业务支出'],
  ['50504', '其他业务支出'],
  ['507', '资本性支出'],
  ['50701', '房屋建筑物购建'],
  ['50702', '办公设备购置'],
  ['50703', '专用设备购置'],
  ['50704', '交通工具购置'],
  ['50705', '大型修缮'],
  ['50706', '信息网络购建'],
  ['50707', '其他资本性支出'],
  ['510', '其他支出'],
];

/** County-level accounts a grassroots union may borrow (accounts.md §4): seeded disabled. */
const COUNTY: Row[] = [
  ['111', '零余额账户用款额度'],
  ['121', '财政应返还额度'],
  ['132', '应收下级经费', { dims: ['counterparty'] }],
  ['151', '投资'],
  ['161', '在建工程'],
  ['171', '无形资产'],
  ['172', '累计摊销', { side: 'credit' }],
  ['181', '长期待摊费用'],
  ['201', '应付职工薪酬'],
  ['212', '应付下级经费', { dims: ['counterparty'] }],
  ['221', '代管经费', { dims: ['counterparty'] }],
  ['311', '专用基金'],
  ['331', '财政拨款结转'],
  ['332', '财政拨款结余'],
  ['341', '预算稳定调节基金'],
  ['404', '政府补助收入'],
  ['406', '附属单位上缴收入'],
  ['407', '投资收益'],
  ['411', '动用预算稳定调节基金'],
  ['502', '职工活动组织支出'],
  ['506', '行政支出'],
  ['508', '补助下级支出'],
  ['509', '对附属单位的支出'],
  ['521', '安排预算稳定调节基金'],
];

export const CHART_2021: readonly ChartAccount[] = [...build(GRASSROOTS, 'grassroots'), ...build(COUNTY, 'county')].sort((a, b) =>
  a.code.localeCompare(b.code),
);
