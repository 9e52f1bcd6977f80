// Pieces shared by the 常用分录 forms, the 固定资产 tab and the 银行对账 tab: amounts typed in 元
// (parsed with parseYuan into integer 分 only when submitted), account fields limited to a
// prefix (102 bank leaves, 507 capital-expenditure leaves), core errors put on the field they name,
// and rule findings shown with their citation.
import type { ReactNode } from 'react';
import { Alert, Form, Input, Typography } from 'antd';
import type { FormInstance, FormRule as Rule } from 'antd';
import type { Finding } from '@contract/operations';
import { MoneyError, parseYuan } from '@contract/money';
import { ApiError } from '../../api';
import AccountField from '../books/AccountField';
import type { PickAccount } from '../vouchers/model';

/** Leaf accounts under `prefix` (the 凭证 module's pickable list, narrowed). */
export function leavesUnder(accounts: readonly PickAccount[], prefix: string): PickAccount[] {
  return accounts.filter((a) => a.code.startsWith(prefix));
}

/** "1,234.50" → 123450; null when it does not parse (the form's rule says why). */
export function fenOf(text: string | undefined | null): number | null {
  if (text === undefined || text === null || text.trim() === '') return null;
  try {
    return parseYuan(text);
  } catch {
    return null;
  }
}

/** A form rule: the text is an amount in 元 (two decimals at most) and, unless `allowZero`, above zero. */
export function yuanRule(label: string, opts: { required?: boolean; allowZero?: boolean; allowNegative?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (value === undefined || value.trim() === '') {
        if (opts.required === false) return;
        throw new Error(`请输入${label}`);
      }
      let fen: number;
      try {
        fen = parseYuan(value, label);
      } catch (err) {
        throw new Error(err instanceof MoneyError ? err.message : `${label}不是有效的金额`);
      }
      if (fen < 0 && !opts.allowNegative) throw new Error(`${label}不能为负数`);
      if (fen === 0 && !opts.allowZero) throw new Error(`${label}必须大于零`);
    },
  };
}

/** An amount field in 元: right-aligned, re-formatted on blur is left to the user's own typing. */
export function YuanItem({ name, label, required = true, extra, autoFocus }: { name: string; label: string; required?: boolean; extra?: ReactNode; autoFocus?: boolean }) {
  return (
    <Form.Item name={name} label={`${label}（元）`} rules={[yuanRule(label, { required })]} extra={extra} validateTrigger="onBlur">
      <Input aria-label={label} inputMode="decimal" placeholder="如 1,234.50" style={{ width: 200, textAlign: 'right' }} autoFocus={autoFocus} />
    </Form.Item>
  );
}

/** The 凭证 module's account picker as a form control (value/onChange come from Form.Item). */
export function AccountControl({ accounts, label, value, onChange }: { accounts: readonly PickAccount[]; label: string; value?: string; onChange?: (code: string) => void }) {
  return <AccountField accounts={accounts} value={value ?? ''} onChange={(c) => onChange?.(c)} label={label} />;
}

/**
 * Puts a core error on the form field it names. `fields` maps the core's input field (e.g.
 * "grossFen") to the form's field (e.g. "gross"). Returns false when the caller must show it.
 */
export function showCoreError(form: FormInstance, err: unknown, fields: Record<string, string>): boolean {
  if (!(err instanceof ApiError) || !err.field) return false;
  const name = fields[err.field] ?? null;
  if (!name) return false;
  const text = err.data.rule ? `${err.message}（${err.data.rule}）` : err.message;
  form.setFields([{ name, errors: [text] }]);
  form.scrollToField(name);
  return true;
}

/** Rule findings (CHK-LEVY-1, CHK-AST-1…), each with its citation. */
export function Findings({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="ule-findings" aria-label="检查提示">
      {findings.map((f, i) => (
        <li key={i}>
          <Typography.Text strong type={f.severity === 'block' ? 'danger' : 'warning'}>
            {f.rule}
          </Typography.Text>{' '}
          {f.message}
          <div>
            <Typography.Text type="secondary" className="ule-cite">
              依据：{f.citation}
            </Typography.Text>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** An error without a field of its own, shown at the foot of the form. */
export function FormError({ text }: { text: string | null }) {
  if (!text) return null;
  return <Alert type="error" showIcon title={text} style={{ marginBottom: 12 }} role="alert" />;
}

/** The fixed-asset card number as the register prints it. */
export function cardNo(id: number): string {
  return `GZ${String(id).padStart(4, '0')}`;
}
