// 用户管理: list, create, edit, reset password, unlock.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserSummary } from '@contract/operations';
import { ROLE_LABELS } from '@contract/roles';
import { call } from '../../api';
import { errorMessage, reportError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { useSession } from '../../layout/SessionContext';
import UserFormModal from './UserFormModal';
import ResetPasswordModal from './ResetPasswordModal';

function StatusTags({ u }: { u: UserSummary }) {
  return (
    <Space size={4} wrap>
      {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
      {u.locked && (
        <Tag color="red" title={u.lockedUntil ? `锁定至 ${localTime(u.lockedUntil)}` : undefined}>
          已锁定
        </Tag>
      )}
    </Space>
  );
}

export default function UsersTab() {
  const { message } = App.useApp();
  const { user: me, refreshSession } = useSession();
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editTarget, setEditTarget] = useState<UserSummary | 'new' | null>(null);
  const [resetTarget, setResetTarget] = useState<UserSummary | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setUsers(await call('users.list', {}));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const unlock = async (u: UserSummary) => {
    try {
      await call('users.unlock', { id: u.id });
      message.success(`已解除“${u.displayName}”的锁定`);
      await load();
    } catch (err) {
      reportError(message, err);
    }
  };

  const columns: TableColumnsType<UserSummary> = [
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v: string, u) => (
        <>
          {v}
          {u.id === me.id && (
            <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
              （当前账户）
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '姓名', dataIndex: 'displayName' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.roles.map((r) => (
            <Tag key={r}>{ROLE_LABELS[r]}</Tag>
          ))}
        </Space>
      ),
    },
    { title: '状态', key: 'status', render: (_: unknown, u) => <StatusTags u={u} /> },
    { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => localTime(v) },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditTarget(u)} aria-label={`编辑 ${u.username}`}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setResetTarget(u)} aria-label={`重置密码 ${u.username}`}>
            重置密码
          </Button>
          {u.locked && (
            <Button type="link" size="small" onClick={() => void unlock(u)} aria-label={`解锁 ${u.username}`}>
              解锁
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditTarget('new')}>
          新建用户
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<UserSummary> rowKey="id" size="middle" columns={columns} dataSource={users ?? []} loading={loading} pagination={false} />
      <UserFormModal
        target={editTarget}
        onClose={() => setEditTarget(null)}
        onSaved={(u) => {
          message.success(editTarget === 'new' ? `已创建用户“${u.displayName}”` : `已保存用户“${u.displayName}”`);
          setEditTarget(null);
          void load();
          if (u.id === me.id) void refreshSession().catch((err: unknown) => reportError(message, err));
        }}
      />
      <ResetPasswordModal
        target={resetTarget}
        onClose={() => setResetTarget(null)}
        onDone={() => {
          message.success('密码已重置，该用户下次登录时须修改密码');
          setResetTarget(null);
        }}
      />
    </div>
  );
}
