// Every operation of the contract mapped to its service. The mapped type makes a missing
// handler a compile error, so the contract and the core cannot drift apart.
import type { HandlerMap } from './context';
import { changeOwnPassword, createUser, listUsers, resetPassword, unlockUser, updateUser } from './auth/users';
import { currentSession, login, logout } from './auth/session-handlers';
import { createLedger, getUnion, setupStatus, updateUnion } from './union/union';
import { getSettings, updateSettings } from './settings/handlers';
import { auditFacets, exportAudit, listAudit, verifyAudit } from './audit/handlers';
import { addDetailAccount, listAccounts, removeAccount, renameAccount, setAccountEnabled } from './books/accounts';
import {
  attachFile,
  confirmCash,
  correctionTemplate,
  deleteVoucher,
  getAttachment,
  getVoucher,
  listVouchers,
  postVoucher,
  reverseVoucher,
  reviewVoucher,
  saveVoucher,
  unreviewVoucher,
} from './books/vouchers';
import { printVouchers } from './books/voucher-print';
import { detailLedger, drillDown, generalLedger, journal } from './ledger/books';
import { trialBalance } from './ledger/trial-balance';
import { balanceSheet, incomeStatement } from './ledger/statements';
import { exportReport } from './reports/export';
import { closePeriod, listPeriods, reopenPeriod } from './closing/periods';
import { closeYear, openingCheck } from './closing/years';
import { backupNowOp, checkBackupOp, listBackupsOp, restoreOp, recoveryRestoreLatest, undoRestoreOp, updateBackupSettings, withBackupBefore } from './system/handlers';
import { levyReceived, remitUpward } from './entries/levy';
import { assetPurchase, depreciationRun, listAssets } from './entries/assets';
import { getReconciliation, reconciliationStatusHandler, saveReconciliation } from './entries/bank';
import { exportHledger } from './export/handlers';
import { listDuesRules, saveDuesRule } from './dues/rules';
import { importWagesCommit, importWagesPreview, listWages, saveWages } from './dues/wages';
import { collectCash, collectPayroll, computeRun, listRun } from './dues/run';
import { getReceipt, printReceipt } from './dues/receipt';
import { duesArrears, duesCollectionRate, duesIncomeByMonth, duesLedgerHandler, duesMemberStatement } from './dues/reports';
import { exportDues } from './dues/export';
import { changeStatus, getMember, listGroups, listMembers, memberHistory, saveGroup, saveMember } from './members/roster';
import { importCommit, importPreview } from './members/import';
import { exportExcel as exportMembers, importTemplate as memberImportTemplate } from './members/excel';
import { approveBudget, budgetExecution, budgetFinalAccounts, getBudget, getBudgetSettings, recordApproval, saveDraft as saveBudgetDraft, startAdjustment, updateBudgetSettings } from './budget/budget';
import { exportBudget } from './budget/print';
import {
  approveRequest,
  attachEvidence,
  benefitRegister,
  getRequest,
  getSpendingSettings,
  listRequests,
  overrideWarning,
  payRequest,
  recordDecision,
  rejectRequest,
  reviewRequest,
  saveRequest,
  submitRequest,
  updateSpendingSettings,
  withdrawRequest,
} from './spending/requests';
import { prepareBatch, printRoster } from './spending/batch';
import { getCase, listCases, openCase, summaryHandler as hardshipSummary, transitionCase, updateCase } from './hardship/cases';
import { drawSampleHandler, getSample, listSamples } from './review/sampling';
import { listFindings, saveFinding, setFindingStatus } from './review/findings';
import { getSchedules, listLevyBases } from './review/schedules';
import { exportSample, exportSchedules, saveLevyBase } from './review/export';
import { getHardshipAccess, mayReadHardshipHandler, updateHardshipAccess } from './hardship/access';
import { createRuleVersion, getRuleVersion, listRuleVersions } from './spending/rule-versions';

import { exportReport as exportReviewReport, freezeReport, getReport as getReviewReport, saveReportDraft } from './review-report/report';
import { exportDisclosure, getDisclosure, getDisclosureSettings, listDisclosures, previewDisclosure, publishDisclosure, reprintDisclosure, updateDisclosureSettings } from './disclosure/disclosure';

export const handlers: HandlerMap = {
  'setup.status': setupStatus,
  'setup.createLedger': createLedger,
  'session.login': login,
  'session.current': currentSession,
  'session.logout': logout,
  'session.changePassword': changeOwnPassword,
  'union.get': getUnion,
  'union.update': updateUnion,
  'settings.get': getSettings,
  'settings.update': updateSettings,
  'users.list': listUsers,
  'users.create': createUser,
  'users.update': updateUser,
  'users.resetPassword': resetPassword,
  'users.unlock': unlockUser,
  'audit.list': listAudit,
  'audit.facets': auditFacets,
  'audit.verify': verifyAudit,
  'audit.exportExcel': exportAudit,
  'accounts.list': listAccounts,
  'accounts.addDetail': addDetailAccount,
  'accounts.rename': renameAccount,
  'accounts.setEnabled': setAccountEnabled,
  'accounts.remove': removeAccount,
  'vouchers.list': listVouchers,
  'vouchers.get': getVoucher,
  'vouchers.save': saveVoucher,
  'vouchers.delete': deleteVoucher,
  'vouchers.review': reviewVoucher,
  'vouchers.unreview': unreviewVoucher,
  'vouchers.confirmCash': confirmCash,
  'vouchers.post': postVoucher,
  'vouchers.reverse': reverseVoucher,
  'vouchers.correctionTemplate': correctionTemplate,
  'vouchers.attach': attachFile,
  'vouchers.attachment': getAttachment,
  'vouchers.print': printVouchers,
  'books.trialBalance': trialBalance,
  'books.generalLedger': generalLedger,
  'books.detailLedger': detailLedger,
  'books.journal': journal,
  'books.drillDown': drillDown,
  'statements.balanceSheet': balanceSheet,
  'statements.incomeStatement': incomeStatement,
  'reports.export': exportReport,
  'periods.list': listPeriods,
  'periods.close': closePeriod,
  'periods.reopen': reopenPeriod,
  'years.close': withBackupBefore(closeYear),
  'years.openingCheck': openingCheck,
  'entries.levyReceived': levyReceived,
  'entries.remitUpward': remitUpward,
  'entries.assetPurchase': assetPurchase,
  'entries.depreciationRun': depreciationRun,
  'assets.list': listAssets,
  'bank.reconciliation.save': saveReconciliation,
  'bank.reconciliation.get': getReconciliation,
  'bank.reconciliation.status': reconciliationStatusHandler,
  'books.exportHledger': exportHledger,
  'dues.rules.list': listDuesRules,
  'dues.rules.save': saveDuesRule,
  'dues.wages.list': listWages,
  'dues.wages.save': saveWages,
  'dues.wages.importPreview': importWagesPreview,
  'dues.wages.importCommit': importWagesCommit,
  'dues.run.compute': computeRun,
  'dues.run.list': listRun,
  'dues.run.collectPayroll': collectPayroll,
  'dues.collectCash': collectCash,
  'dues.receipt.get': getReceipt,
  'dues.receipt.print': printReceipt,
  'dues.arrears': duesArrears,
  'dues.ledger': duesLedgerHandler,
  'dues.collectionRate': duesCollectionRate,
  'dues.memberStatement': duesMemberStatement,
  'dues.incomeByMonth': duesIncomeByMonth,
  'dues.export': exportDues,
  'members.list': listMembers,
  'members.get': getMember,
  'members.save': saveMember,
  'members.changeStatus': changeStatus,
  'members.history': memberHistory,
  'groups.list': listGroups,
  'groups.save': saveGroup,
  'members.importTemplate': memberImportTemplate,
  'members.importPreview': importPreview,
  'members.importCommit': importCommit,
  'members.exportExcel': exportMembers,
  'budget.get': getBudget,
  'budget.saveDraft': saveBudgetDraft,
  'budget.recordApproval': recordApproval,
  'budget.approve': approveBudget,
  'budget.startAdjustment': startAdjustment,
  'budget.execution': budgetExecution,
  'budget.finalAccounts': budgetFinalAccounts,
  'budget.export': exportBudget,
  'budget.settings.get': getBudgetSettings,
  'budget.settings.update': updateBudgetSettings,
  'spending.save': saveRequest,
  'spending.attach': attachEvidence,
  'spending.submit': submitRequest,
  'spending.review': reviewRequest,
  'spending.override': overrideWarning,
  'spending.recordDecision': recordDecision,
  'spending.approve': approveRequest,
  'spending.reject': rejectRequest,
  'spending.withdraw': withdrawRequest,
  'spending.pay': payRequest,
  'spending.get': getRequest,
  'spending.list': listRequests,
  'spending.benefits': benefitRegister,
  'spending.settings.get': getSpendingSettings,
  'spending.settings.update': updateSpendingSettings,
  'spending.batch.prepare': prepareBatch,
  'spending.rosterPrint': printRoster,
  'hardship.list': listCases,
  'hardship.get': getCase,
  'hardship.open': openCase,
  'hardship.update': updateCase,
  'hardship.transition': transitionCase,
  'hardship.summary': hardshipSummary,
  'hardship.access.get': getHardshipAccess,
  'hardship.access.update': updateHardshipAccess,
  'reviewReport.get': getReviewReport,
  'reviewReport.saveDraft': saveReportDraft,
  'reviewReport.freeze': freezeReport,
  'reviewReport.export': exportReviewReport,
  'disclosure.preview': previewDisclosure,
  'disclosure.export': exportDisclosure,
  'disclosure.publish': publishDisclosure,
  'disclosure.list': listDisclosures,
  'disclosure.get': getDisclosure,
  'disclosure.reprint': reprintDisclosure,
  'disclosure.settings.get': getDisclosureSettings,
  'disclosure.settings.update': updateDisclosureSettings,
  'hardship.mayRead': mayReadHardshipHandler,
  'spending.rules.list': listRuleVersions,
  'spending.rules.get': getRuleVersion,
  'spending.rules.createVersion': createRuleVersion,
  'system.backups.list': listBackupsOp,
  'system.backup.now': backupNowOp,
  'system.backup.check': checkBackupOp,
  'system.restore': restoreOp,
  'system.restore.undo': undoRestoreOp,
  'system.backupSettings.update': updateBackupSettings,
  'system.recovery.restoreLatest': recoveryRestoreLatest,
  'review.samples.list': listSamples,
  'review.samples.get': getSample,
  'review.samples.draw': drawSampleHandler,
  'review.samples.export': exportSample,
  'review.findings.list': listFindings,
  'review.findings.save': saveFinding,
  'review.findings.setStatus': setFindingStatus,
  'review.schedules': getSchedules,
  'review.schedules.export': exportSchedules,
  'review.levyBases.list': listLevyBases,
  'review.levyBases.save': saveLevyBase,
};
