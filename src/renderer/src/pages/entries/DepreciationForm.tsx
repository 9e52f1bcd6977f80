// 计提折旧 (accounts.md §6 T7, §8): one month at a time, 借 30104 / 贷 163, dated the month's last
// day. The per-asset amounts come back from the core and are shown with the new voucher.
import { useState } from 'react';
import { Button, Form, Space } from 'antd';
import type { DepreciationResult } from '@contract/entries';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { MonthPicker } from '../books/common';
import { FormError, showCoreError } from './common';

interface Values {
  period: string;
}

export default function DepreciationForm({ defaultPeriod, onDone, onCancel }: { defaultPeriod: string; onDone: (r: DepreciationResult) => void; onCancel: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('entries.depreciationRun', { period: v.period }));
    } catch (err) {
      if (!showCoreError(form, err, { period: 'period' })) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="horizontal" labelCol={{ span: 6 }} name="entry-depreciation" initialValues={{ period: defaultPeriod }} onFinish={(v) => void submit(v)}>
      <Form.Item name="period" label="计提期间" extra="按直线法逐月计提，当月增加的固定资产当月计提折旧（财会〔2021〕7号 第三十五条）；凭证日期为该月最后一天。">
        <PeriodControl />
      </Form.Item>
      <FormError text={error} />
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} autoFocus>
          计提并生成凭证
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}

function PeriodControl({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return <MonthPicker label="计提期间" value={value ?? ''} onChange={(v) => onChange?.(v)} />;
}
