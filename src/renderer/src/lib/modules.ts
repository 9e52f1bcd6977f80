// What each navigation module is for, shown on its page (and on placeholders until it is built).
import type { ModuleKey } from '@contract/roles';

export const MODULE_DESCRIPTIONS: Record<ModuleKey, string> = {
  vouchers: '填制、审核、记账记账凭证，登记附件，以红字凭证更正已记账凭证。',
  books: '查询和打印总账、明细账、现金日记账与银行存款日记账，并与银行对账。',
  reports: '编制资产负债表（工会01表）、收入支出表（工会02表）及附注，由工会主席签署。',
  members: '维护会员名册，按月工资收入的 0.5% 计算会费并登记收缴与拨缴经费。',
  spending: '登记支出申请并由工会主席审批，对照“八不准”及本省支出标准逐项检查。',
  budget: '编制年度收支预算，记录审批与调整，分析预算执行情况。',
  review: '经审委员只读查阅全部账务、登记审查意见，并生成年度审查报告。',
  disclosure: '生成经费收支公示表与签署页，公示时隐去会员个人信息。',
  audit: '查询、导出与校验所有写操作的哈希链审计记录。',
  settings: '维护工会信息、用户与角色、会话与登录安全设置。',
};
