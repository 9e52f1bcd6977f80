// 重置密码 (users.resetPassword): the user must change it at next login.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import type { UserSummary } from '@contract/operations';
import { call } from '../../api';
import { errorMessage, isValidationReject, showFieldError } from '../../lib/errors';

interface Values {
  newPassword: string;
}

interface Props {
  target: UserSummary | null;
  onDone: () => void;
  onClose: () => void;
}

export default function ResetPasswordModal({ target, onDone, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!target) return;
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch (err) {
      if (isValidationReject(err)) return;
      throw err;
    }
    setBusy(true);
    try {
      await call('users.resetPassword', { id: target.id, newPassword: v.newPassword });
      onDone();
    } catch (err) {
      if (!showFieldError(form, err, ['newPassword'])) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={target ? `重置密码：${target.displayName}（${target.username}）` : '重置密码'}
      open={target !== null}
      onOk={() => void submit()}
      okText="重置"
      confirmLoading={busy}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">重置后，该用户下次登录时必须修改密码。</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" name="reset-password" preserve={false} onFinish={() => void submit()}>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }, { min: 8, message: '密码至少 8 位' }]}>
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
