// Login: 用户名 + 密码, Enter submits; the core's message (wrong password, locked account) shows inline.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { SessionInfo } from '@contract/operations';
import { call } from '../api';
import { errorMessage } from '../lib/errors';

interface Values {
  username: string;
  password: string;
}

interface Props {
  unionName: string | null;
  notice?: ReactNode;
  onLoggedIn: (session: SessionInfo) => void;
}

export default function Login({ unionName, notice, onLoggedIn }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState(unionName);

  useEffect(() => {
    if (name !== null) return;
    let live = true;
    call('setup.status', {})
      .then((s) => live && setName(s.unionName))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [name]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await call('session.login', { username: v.username, password: v.password }));
    } catch (err) {
      setError(errorMessage(err));
      form.setFieldValue('password', '');
      form.focusField('password');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ul-centered">
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          工会经费账簿
        </Typography.Title>
        <Typography.Paragraph type="secondary">{name ?? '\u00a0'}</Typography.Paragraph>
        {!error && notice && <div style={{ marginBottom: 16 }}>{notice}</div>}
        <Form<Values> form={form} layout="vertical" name="login" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
