// 系统设置: session idle timeout, login lockout, the 经审委员 exclusion rule, the levy's retained
// share and the fixed-asset thresholds (shown and typed in 元, stored in 分 through parseYuan).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Divider, Form, Input, InputNumber, Radio, Skeleton, Switch, Typography } from 'antd';
import type { Settings } from '@contract/operations';
import { formatYuan, parseYuan } from '@contract/money';
import { yuanRule } from '../entries/common';
import { ApiError, call } from '../../api';
import { errorMessage, showFieldError } from '../../lib/errors';

const FIELDS = ['sessionIdleMinutes', 'lockoutThreshold', 'lockoutMinutes', 'reviewerExclusion', 'preparerReviewsOwn', 'levyRetainedPct', 'generalEquipment', 'specialEquipment'];

/** The form holds the thresholds as 元 text; the core takes 分. */
type FormValues = Omit<Settings, 'generalEquipmentFen' | 'specialEquipmentFen'> & { generalEquipment: string; specialEquipment: string };

function toForm(s: Settings): FormValues {
  const { generalEquipmentFen, specialEquipmentFen, ...rest } = s;
  return { ...rest, generalEquipment: formatYuan(generalEquipmentFen), specialEquipment: formatYuan(specialEquipmentFen) };
}

function fromForm(v: FormValues): Settings {
  const { generalEquipment, specialEquipment, ...rest } = v;
  return { ...rest, generalEquipmentFen: parseYuan(generalEquipment, '一般设备起点'), specialEquipmentFen: parseYuan(specialEquipment, '专用设备起点') };
}

/** The core names the fields in 分; the form in 元. */
const CORE_FIELD: Record<string, string> = { generalEquipmentFen: 'generalEquipment', specialEquipmentFen: 'specialEquipment' };

export default function SystemTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [initial, setInitial] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    call('settings.get', {})
      .then(setInitial)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const save = async (v: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      // Send back every setting the core gave us, so ones this page does not show are kept.
      const saved = await call('settings.update', { ...initial!, ...fromForm(v) });
      setInitial(saved);
      form.setFieldsValue(toForm(saved));
      message.success('系统设置已保存');
    } catch (err) {
      const onField = err instanceof ApiError && err.field && CORE_FIELD[err.field] ? new ApiError({ ...err.data, field: CORE_FIELD[err.field] }) : err;
      if (!showFieldError(form, onField, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  if (!initial) return error ? <Alert type="error" showIcon title={error} /> : <Skeleton active />;

  return (
    <Form<FormValues> form={form} layout="vertical" name="system-settings" initialValues={toForm(initial)} onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
      <Form.Item label="会话空闲超时（分钟）" name="sessionIdleMinutes" rules={[{ required: true, message: '请输入会话空闲超时' }]} extra="无操作超过此时长后需重新登录（5–1440 分钟）。">
        <InputNumber min={5} max={1440} precision={0} style={{ width: 160 }} autoFocus />
      </Form.Item>
      <Form.Item label="锁定阈值（连续登录失败次数）" name="lockoutThreshold" rules={[{ required: true, message: '请输入锁定阈值' }]} extra="连续输错密码达到此次数后锁定账户（3–20 次）。">
        <InputNumber min={3} max={20} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="锁定时长（分钟）" name="lockoutMinutes" rules={[{ required: true, message: '请输入锁定时长' }]} extra="锁定期满自动解除，管理员也可在“用户管理”中提前解锁（1–1440 分钟）。">
        <InputNumber min={1} max={1440} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="经审委员任职回避" name="reviewerExclusion" valuePropName="checked">
        <Switch checkedChildren="开启" unCheckedChildren="关闭" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>
        开启时，工会主席、财务部门负责人及管钱、管物的人员不得担任同级工会经费审查委员会委员：“经审委员”不能与“工会主席”“会计”“会计主管/审核”“出纳”由同一人兼任（经审会组成规定，CHK-SOD-3；此规定来自二手资料，故可关闭）。
      </Typography.Paragraph>
      <Form.Item
        label="制单人审核本人凭证"
        name="preparerReviewsOwn"
        extra="《会计基础工作规范》第五十一条要求记账凭证由填制、稽核等人员分别签章（CHK-SOD-1）。一人办公的工会可选“提示并记录”，每次自审都会记入审计日志。"
      >
        <Radio.Group
          options={[
            { value: 'warn', label: '提示并记录' },
            { value: 'block', label: '禁止' },
          ]}
        />
      </Form.Item>
      <Divider titlePlacement="start">经费与固定资产</Divider>
      <Form.Item
        label="拨缴经费本级留成比例（%）"
        name="levyRetainedPct"
        rules={[{ required: true, message: '请输入拨缴经费本级留成比例' }]}
        extra="行政方按工资总额 2% 拨缴的经费中，本级工会留用的部分记 402 拨缴经费收入，其余记 211 应付上级经费并上缴。比例由省级工会规定，通常为 60%（工会法 第四十三条；dues.md §7）。"
      >
        <InputNumber min={0} max={100} precision={2} step={1} style={{ width: 160 }} suffix="%" aria-label="拨缴经费本级留成比例" />
      </Form.Item>
      <Form.Item
        label="一般设备固定资产起点（元）"
        name="generalEquipment"
        rules={[yuanRule('一般设备起点', { allowZero: true })]}
        validateTrigger="onBlur"
        extra="单位价值在此金额以上的一般设备作为固定资产核算，默认 1,000.00 元（财会〔2021〕7号 第三十二条）。"
      >
        <Input style={{ width: 160, textAlign: 'right' }} aria-label="一般设备固定资产起点" inputMode="decimal" />
      </Form.Item>
      <Form.Item
        label="专用设备固定资产起点（元）"
        name="specialEquipment"
        rules={[yuanRule('专用设备起点', { allowZero: true })]}
        validateTrigger="onBlur"
        extra="单位价值在此金额以上的专用设备作为固定资产核算，默认 1,500.00 元（财会〔2021〕7号 第三十二条）。"
      >
        <Input style={{ width: 160, textAlign: 'right' }} aria-label="专用设备固定资产起点" inputMode="decimal" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={saving}>
        保存
      </Button>
    </Form>
  );
}
