// 新建用户 (users.create) and 编辑 (users.update) in one dialog.
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Switch } from 'antd';
import type { UserSummary } from '@contract/operations';
import type { Role } from '@contract/roles';
import { call } from '../../api';
import { errorMessage, isValidationReject, showFieldError } from '../../lib/errors';
import RolesField from './RolesField';

interface Values {
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
  active: boolean;
}
const FIELDS = ['username', 'displayName', 'roles', 'password', 'active'];

interface Props {
  /** null: closed; 'new': create; a user: edit that user. */
  target: UserSummary | 'new' | null;
  onSaved: (user: UserSummary) => void;
  onClose: () => void;
}

export default function UserFormModal({ target, onSaved, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    setError(null);
  }, [target]);

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
      const saved = editing
        ? await call('users.update', { id: editing.id, displayName: v.displayName, roles: v.roles, active: v.active })
        : await call('users.create', { username: v.username, displayName: v.displayName, roles: v.roles, password: v.password });
      onSaved(saved);
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑用户：${editing.username}` : '新建用户'}
      open={target !== null}
      onOk={() => void submit()}
      okText={editing ? '保存' : '创建'}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="user-form"
        preserve={false}
        initialValues={editing ? { displayName: editing.displayName, roles: editing.roles, active: editing.active } : { roles: [], active: true }}
        onFinish={() => void submit()}
      >
        {editing ? null : (
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }, { min: 2, message: '用户名至少 2 个字符' }]} extra="登录时使用，创建后不能修改。">
            <Input autoFocus autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input autoFocus={editing !== null} />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
          <RolesField />
        </Form.Item>
        {editing ? (
          <Form.Item label="启用" name="active" valuePropName="checked" extra="停用的账户不能登录，其历史记录保留。">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        ) : (
          <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请输入初始密码' }, { min: 8, message: '密码至少 8 位' }]} extra="至少 8 位。请当面告知该用户，并提醒其登录后点击右上角“修改密码”。">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
