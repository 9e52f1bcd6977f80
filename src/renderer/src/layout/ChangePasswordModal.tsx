// 修改密码 (session.changePassword). When `forced`, the user must change the password before working.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { call } from '../api';
import { errorMessage, isValidationReject, showFieldError } from '../lib/errors';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

interface Props {
  open: boolean;
  forced: boolean;
  onDone: () => void;
  onCancel: () => void;
}

export default function ChangePasswordModal({ open, forced, onDone, onCancel }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();

  const submit = async () => {
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
      await call('session.changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
      onDone();
    } catch (err) {
      if (!showFieldError(form, err, ['oldPassword', 'newPassword'])) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onOk={() => void submit()}
      okText="确定"
      confirmLoading={busy}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onCancel();
      }}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: !forced }}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon title="您的密码需要更新（例如管理员刚为您重置了密码）。为了账户安全，请先设置新密码再继续使用。" style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="change-password" onFinish={() => void submit()}>
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }, { min: 8, message: '密码至少 8 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
