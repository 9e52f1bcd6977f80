// 收到拨缴经费 (accounts.md §6 T2): 借 102 gross; 贷 402 the retained share, 贷 211 the upper
// level's share. The split is the core's; when this user may read the settings the form previews
// it with the same rule (the upper share rounded down to the fen, the remainder retained).
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { LevyResult } from '@contract/entries';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import type { PickAccount } from '../vouchers/model';
import { AccountControl, fenOf, FormError, showCoreError, YuanItem } from './common';

interface Values {
  date: Dayjs;
  gross: string;
  bankAccountCode: string;
  payrollBase?: string;
  counterparty: string;
  receiptNo?: string;
  attachments: string;
}

/** The core's split (src/main/core/entries/levy.ts): upper share rounded down, in basis points. */
export function previewSplit(grossFen: number, retainedPct: number): { retainedFen: number; upperFen: number } {
  const bp = BigInt(Math.round(retainedPct * 100));
  const upperFen = Number((BigInt(grossFen) * (10_000n - bp)) / 10_000n);
  return { retainedFen: grossFen - upperFen, upperFen };
}

const FIELDS: Record<string, string> = {
  date: 'date',
  grossFen: 'gross',
  bankAccountCode: 'bankAccountCode',
  payrollBaseFen: 'payrollBase',
  counterparty: 'counterparty',
  receiptNo: 'receiptNo',
  attachments: 'attachments',
};

export default function LevyForm({ banks, defaultDate, retainedPct, onDone, onCancel }: { banks: PickAccount[]; defaultDate: string; retainedPct: number | null; onDone: (r: LevyResult) => void; onCancel: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gross = fenOf(Form.useWatch('gross', form));
  const base = fenOf(Form.useWatch('payrollBase', form));

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const payrollBaseFen = fenOf(v.payrollBase);
      const r = await call('entries.levyReceived', {
        date: v.date.format('YYYY-MM-DD'),
        grossFen: fenOf(v.gross)!,
        bankAccountCode: v.bankAccountCode,
        ...(payrollBaseFen !== null ? { payrollBaseFen } : {}),
        counterparty: v.counterparty,
        ...(v.receiptNo?.trim() ? { receiptNo: v.receiptNo.trim() } : {}),
        attachments: Number(v.attachments || '0'),
      });
      onDone(r);
    } catch (err) {
      if (!showCoreError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const split = gross !== null && gross > 0 && retainedPct !== null ? previewSplit(gross, retainedPct) : null;
  const expected = base !== null && base > 0 ? Number((BigInt(base) * 2n + 50n) / 100n) : null;
  return (
    <Form<Values>
      form={form}
      layout="horizontal"
      labelCol={{ span: 6 }}
      name="entry-levy"
      initialValues={{ date: dayjs(defaultDate), bankAccountCode: banks.length === 1 ? banks[0]!.code : '', counterparty: '上级工会', attachments: '1' }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item name="date" label="凭证日期" rules={[{ required: true, message: '请选择凭证日期' }]}>
        <DatePicker format="YYYY-MM-DD" allowClear={false} aria-label="凭证日期" />
      </Form.Item>
      <YuanItem name="gross" label="拨缴经费金额" autoFocus />
      <Form.Item name="bankAccountCode" label="银行存款科目" rules={[{ required: true, message: '请选择银行存款科目' }]}>
        <AccountControl accounts={banks} label="银行存款科目" />
      </Form.Item>
      <YuanItem
        name="payrollBase"
        label="工资总额"
        required={false}
        extra={expected !== null ? `工资总额的 2% 为 ${formatYuan(expected)} 元${gross !== null && gross !== expected ? `，与收到金额相差 ${formatYuan(Math.abs(gross - expected))} 元（CHK-LEVY-1）` : ''}（工会法 第四十三条）` : '选填：行政方拨缴所依据的全部职工工资总额，用于核对 2%。'}
      />
      <Form.Item name="counterparty" label="上级工会" rules={[{ required: true, whitespace: true, message: '请填写上级工会名称' }]}>
        <Input aria-label="上级工会" style={{ width: 260 }} maxLength={60} />
      </Form.Item>
      <Form.Item name="receiptNo" label="收据号码">
        <Input aria-label="收据号码" style={{ width: 200 }} maxLength={40} placeholder="工会经费收入专用收据" />
      </Form.Item>
      <Form.Item name="attachments" label="附件张数" rules={[{ pattern: /^\d{1,4}$/, message: '附件张数应为整数' }]}>
        <Input aria-label="附件张数" style={{ width: 80 }} inputMode="numeric" />
      </Form.Item>
      <div className="ule-preview" aria-label="分配预览">
        {split ? (
          <>
            本级留成 {retainedPct}%：贷 402 拨缴经费收入 <b className="ule-num">{formatYuan(split.retainedFen)}</b>；应上缴：贷 211 应付上级经费{' '}
            <b className="ule-num">{formatYuan(split.upperFen)}</b>
          </>
        ) : retainedPct !== null ? (
          `按本级留成比例 ${retainedPct}% 分为 402 拨缴经费收入和 211 应付上级经费。`
        ) : (
          '系统按设置中的本级留成比例分为 402 拨缴经费收入和 211 应付上级经费，生成后在凭证中可见。'
        )}
      </div>
      <FormError text={error} />
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          生成凭证
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
