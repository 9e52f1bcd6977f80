// Start-up: is there a ledger? is there a session? Then the wizard, the login page or the main layout.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Alert, Button, Result, Spin } from 'antd';
import type { SessionInfo, SetupStatus } from '@contract/operations';
import { RECOVERY_OFFER_FIELD } from '@contract/system';
import { ApiError, call, onUnauthenticated } from './api';
import { errorMessage } from './lib/errors';
import Login from './pages/Login';

// The first-run wizard and the main layout load after the login screen shows (issue 8).
const SetupWizard = lazy(() => import('./pages/SetupWizard'));
const MainLayout = lazy(() => import('./layout/MainLayout'));

type Stage =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; recoverable?: boolean }
  | { kind: 'setup'; status: SetupStatus }
  | { kind: 'login'; unionName: string | null; notice?: string }
  | { kind: 'main'; session: SessionInfo };

export default function App() {
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });

  const start = useCallback(async () => {
    setStage({ kind: 'loading' });
    try {
      const status = await call('setup.status', {});
      if (!status.initialized) {
        setStage({ kind: 'setup', status });
        return;
      }
      const session = await call('session.current', {});
      setStage(session ? { kind: 'main', session } : { kind: 'login', unionName: status.unionName });
    } catch (err) {
      // A damaged or foreign ledger file: the reason, and (when a good backup exists) the way out.
      setStage({ kind: 'failed', message: errorMessage(err), recoverable: err instanceof ApiError && err.field === RECOVERY_OFFER_FIELD });
    }
  }, []);

  const recover = useCallback(async () => {
    try {
      await call('system.recovery.restoreLatest', {});
      await start();
    } catch (err) {
      setStage({ kind: 'failed', message: errorMessage(err) });
    }
  }, [start]);

  useEffect(() => {
    void start();
  }, [start]);

  // Session expired or ended elsewhere: back to the login page, saying why.
  useEffect(
    () =>
      onUnauthenticated((message) => {
        // The generic refusal means the session was ended elsewhere (e.g. 退出登录 in another window).
        const notice = message === '请先登录。' ? '会话已结束（可能已在其他窗口退出登录），请重新登录。' : message;
        setStage((s) => (s.kind === 'main' ? { kind: 'login', unionName: null, notice } : s));
      }),
    [],
  );

  switch (stage.kind) {
    case 'loading':
      return (
        <div className="ul-centered">
          <Spin size="large" tip="正在打开账簿…">
            <div style={{ width: 200, height: 80 }} />
          </Spin>
        </div>
      );
    case 'failed':
      return (
        <div className="ul-centered">
          <Result
            status="error"
            title="无法打开账簿"
            subTitle={stage.message}
            extra={[
              ...(stage.recoverable
                ? [
                    <Button key="recover" type="primary" onClick={() => void recover()}>
                      从最近的完好备份恢复
                    </Button>,
                  ]
                : []),
              <Button key="retry" type={stage.recoverable ? 'default' : 'primary'} onClick={() => void start()}>
                重试
              </Button>,
            ]}
          />
        </div>
      );
    case 'setup':
      return (
        <Suspense fallback={<Spin fullscreen tip="正在载入…" />}>
          <SetupWizard status={stage.status} onCreated={(session) => setStage({ kind: 'main', session })} />
        </Suspense>
      );
    case 'login':
      return (
        <Login
          unionName={stage.unionName}
          notice={stage.notice ? <Alert type="warning" showIcon title={stage.notice} /> : null}
          onLoggedIn={(session) => setStage({ kind: 'main', session })}
        />
      );
    case 'main':
      return (
        <Suspense fallback={<Spin fullscreen tip="正在载入…" />}>
          <MainLayout
            session={stage.session}
            onSessionChange={(session) => setStage({ kind: 'main', session })}
            onLoggedOut={() => setStage({ kind: 'login', unionName: null })}
          />
        </Suspense>
      );
  }
}
