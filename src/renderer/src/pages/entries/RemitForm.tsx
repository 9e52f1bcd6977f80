// 上缴上级经费 (accounts.md §6 T3): 借 211 / 贷 102. The core refuses more than the posted 211
// balance less remittances still waiting; its message is shown on the amount.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { EntryResult } from '@contract/entries';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import type { PickAccount } from '../vouchers/model';
import { AccountControl, fenOf, FormError, showCoreError, YuanItem } from './common';

interface Values {
  date: Dayjs;
  amount: string;
  bankAccountCode: string;
  counterparty: string;
  attachments: string;
}

const FIELDS: Record<string, string> = { date: 'date', amountFen: 'amount', bankAccountCode: 'bankAccountCode', counterparty: 'counterparty', attachments: 'attachments' };

export default function RemitForm({ banks, defaultDate, onDone, onCancel }: { banks: PickAccount[]; defaultDate: string; onDone: (r: EntryResult) => void; onCancel: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('entries.remitUpward', {
        date: v.date.format('YYYY-MM-DD'),
        amountFen: fenOf(v.amount)!,
        bankAccountCode: v.bankAccountCode,
        counterparty: v.counterparty,
        attachments: Number(v.attachments || '0'),
      });
      onDone(r);
    } catch (err) {
      if (!showCoreError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="horizontal"
      labelCol={{ span: 6 }}
      name="entry-remit"
      initialValues={{ date: dayjs(defaultDate), bankAccountCode: banks.length === 1 ? banks[0]!.code : '', counterparty: '上级工会', attachments: '1' }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item name="date" label="凭证日期" rules={[{ required: true, message: '请选择凭证日期' }]}>
        <DatePicker format="YYYY-MM-DD" allowClear={false} aria-label="凭证日期" />
      </Form.Item>
      <YuanItem name="amount" label="上缴金额" autoFocus extra="不能超过应付上级经费（211）已记账余额。" />
      <Form.Item name="bankAccountCode" label="银行存款科目" rules={[{ required: true, message: '请选择银行存款科目' }]}>
        <AccountControl accounts={banks} label="银行存款科目" />
      </Form.Item>
      <Form.Item name="counterparty" label="上级工会" rules={[{ required: true, whitespace: true, message: '请填写上级工会名称' }]}>
        <Input aria-label="上级工会" style={{ width: 260 }} maxLength={60} />
      </Form.Item>
      <Form.Item name="attachments" label="附件张数" rules={[{ pattern: /^\d{1,4}$/, message: '附件张数应为整数' }]}>
        <Input aria-label="附件张数" style={{ width: 80 }} inputMode="numeric" />
      </Form.Item>
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
