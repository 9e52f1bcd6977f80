// 系统设置: session idle timeout, login lockout, and the 经审委员 exclusion rule.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Radio, Skeleton, Switch, Typography } from 'antd';
import type { Settings } from '@contract/operations';
import { call } from '../../api';
import { errorMessage, showFieldError } from '../../lib/errors';

const FIELDS = ['sessionIdleMinutes', 'lockoutThreshold', 'lockoutMinutes', 'reviewerExclusion', 'preparerReviewsOwn'];

export default function SystemTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [initial, setInitial] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    call('settings.get', {})
      .then(setInitial)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const save = async (v: Settings) => {
    setSaving(true);
    setError(null);
    try {
      // Send back every setting the core gave us, so ones this page does not show are kept.
      const saved = await call('settings.update', { ...initial!, ...v });
      setInitial(saved);
      form.setFieldsValue(saved);
      message.success('系统设置已保存');
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  if (!initial) return error ? <Alert type="error" showIcon title={error} /> : <Skeleton active />;

  return (
    <Form<Settings> form={form} layout="vertical" name="system-settings" initialValues={initial} onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
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
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={saving}>
        保存
      </Button>
    </Form>
  );
}
