// The main window: left navigation with only the modules the user's roles may see, a header
// with the union's name, the user and the session actions, and the current module's page.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import {
  AccountBookOutlined,
  AuditOutlined,
  BookOutlined,
  FileTextOutlined,
  FundOutlined,
  KeyOutlined,
  LogoutOutlined,
  NotificationOutlined,
  PayCircleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { SessionInfo } from '@contract/operations';
import { MODULES, ROLE_LABELS, modulesFor, type ModuleKey } from '@contract/roles';
import { call } from '../api';
import { reportError } from '../lib/errors';
import { useHashRoute } from './useHashRoute';
import { SessionContext, type SessionContextValue } from './SessionContext';
import ChangePasswordModal from './ChangePasswordModal';
import ModulePage from './ModulePage';

const ICONS: Record<ModuleKey, ReactNode> = {
  vouchers: <FileTextOutlined aria-hidden />,
  books: <BookOutlined aria-hidden />,
  reports: <FundOutlined aria-hidden />,
  members: <TeamOutlined aria-hidden />,
  spending: <PayCircleOutlined aria-hidden />,
  budget: <AccountBookOutlined aria-hidden />,
  review: <SafetyCertificateOutlined aria-hidden />,
  disclosure: <NotificationOutlined aria-hidden />,
  audit: <AuditOutlined aria-hidden />,
  settings: <SettingOutlined aria-hidden />,
};

interface Props {
  session: SessionInfo;
  onSessionChange: (session: SessionInfo) => void;
  onLoggedOut: () => void;
}

export default function MainLayout({ session, onSessionChange, onLoggedOut }: Props) {
  const { user } = session;
  const { message } = App.useApp();
  const allowed = useMemo(() => modulesFor(user.roles), [user.roles]);
  const modules = useMemo(() => MODULES.filter((m) => allowed.includes(m.key)), [allowed]);
  const [route, navigate] = useHashRoute();
  const current: ModuleKey | undefined = allowed.find((k) => k === route) ?? allowed[0];
  const [unionName, setUnionName] = useState('');
  const [pwOpen, setPwOpen] = useState(false);

  useEffect(() => {
    let live = true;
    call('union.get', {})
      .then((u) => live && setUnionName(u.name))
      .catch((err: unknown) => live && reportError(message, err));
    return () => {
      live = false;
    };
  }, [message]);

  // Keep the address in step with the page actually shown.
  useEffect(() => {
    if (current && route !== current) navigate(current);
  }, [current, route, navigate]);

  // Alt+1…Alt+9, Alt+0 switch modules in menu order.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const m = /^Digit(\d)$/.exec(e.code);
      if (!m) return;
      const n = Number(m[1]);
      const target = modules[n === 0 ? 9 : n - 1];
      if (target) {
        e.preventDefault();
        navigate(target.key);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [modules, navigate]);

  const logout = async () => {
    try {
      await call('session.logout', {});
    } catch (err) {
      reportError(message, err);
      return;
    }
    onLoggedOut();
  };

  const refreshSession = useCallback(async () => {
    const s = await call('session.current', {});
    if (s) onSessionChange(s);
  }, [onSessionChange]);

  const ctx: SessionContextValue = useMemo(() => ({ user, setUnionName, refreshSession }), [user, refreshSession]);

  useEffect(() => {
    document.title = unionName ? `${unionName} - 工会经费账簿` : '工会经费账簿';
  }, [unionName]);
  const forced = user.mustChangePassword;

  return (
    <SessionContext.Provider value={ctx}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64}>
          <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
            工会经费账簿
          </div>
          <nav aria-label="模块导航">
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={current ? [current] : []}
              onClick={(e) => navigate(e.key)}
              items={modules.map((m, i) => ({
                key: m.key,
                icon: ICONS[m.key],
                label: (
                  <>
                    <span>{m.label}</span>
                    {i < 10 && (
                      <span className="ul-shortcut" aria-hidden="true">
                        Alt+{(i + 1) % 10}
                      </span>
                    )}
                  </>
                ),
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #f0f0f0' }}>
            <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 0 }} ellipsis={{ tooltip: unionName }}>
              {unionName}
            </Typography.Title>
            <Space size="middle" wrap={false}>
              <span>
                <Typography.Text strong>{user.displayName}</Typography.Text>
                <Typography.Text type="secondary">（{user.username}）</Typography.Text>
              </span>
              <span>
                {user.roles.map((r) => (
                  <Tag key={r} color="red" variant="outlined">
                    {ROLE_LABELS[r]}
                  </Tag>
                ))}
              </span>
              <Tooltip title="修改自己的登录密码">
                <Button icon={<KeyOutlined aria-hidden />} onClick={() => setPwOpen(true)}>
                  修改密码
                </Button>
              </Tooltip>
              <Button icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>
                退出登录
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            {current ? <ModulePage module={current} /> : <Typography.Text>当前账户没有可用的模块，请联系管理员分配角色。</Typography.Text>}
          </Layout.Content>
        </Layout>
      </Layout>
      <ChangePasswordModal
        open={pwOpen || forced}
        forced={forced}
        onCancel={() => setPwOpen(false)}
        onDone={() => {
          setPwOpen(false);
          if (forced) void refreshSession().catch((err: unknown) => reportError(message, err));
        }}
      />
    </SessionContext.Provider>
  );
}
