// Field schemas that most operations share: each names its field (`label`) in every message, so
// an error reads "预算年度应为整数", "付款日期格式应为 YYYY-MM-DD", "退款金额过大".
import { z } from 'zod';

/** A year the ledger can hold (2000–2100). */
export const yearField = (label: string) =>
  z
    .number({ error: `请输入${label}` })
    .int(`${label}应为整数`)
    .min(2000, `${label}不早于 2000 年`)
    .max(2100, `${label}不晚于 2100 年`)
    .describe(label);

/** A calendar date as YYYY-MM-DD (the core checks that the day exists and its period is open). */
export const isoDateField = (label: string) =>
  z.string({ error: `请输入${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`).describe(label);

/** An amount in integer 分 (may be negative: red entries, refunds). */
export const fenField = (label: string) =>
  z
    .number({ error: `${label}必须是数字（单位：分）` })
    .int(`${label}必须是以“分”为单位的整数`)
    .refine((n) => Number.isSafeInteger(n), `${label}过大`)
    .describe(label);
