// 备份与恢复 (administrator): the backups beside the ledger with time, kind, size and check status;
// 立即备份, 备份到… a folder (a USB stick, optionally password-protected), 从备份恢复 with a
// confirmation (the copy is checked first; the current file is kept aside), 撤销恢复, and the
// retention policy for automatic copies (issue 7).
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { BackupInfo, RetentionSettings } from '@contract/system';
import { ApiError, call } from '../../api';
import { useLoad } from '../../lib/useLoad';
import { errorMessage, reportError, showFieldError } from '../../lib/errors';
import { localTime } from '../../lib/format';

const fmtBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** What is being restored: a copy in the backups folder, or a file elsewhere (path typed in). */
type RestoreTarget = { kind: 'listed'; backup: BackupInfo } | { kind: 'path' };

function CheckTag({ b }: { b: BackupInfo }) {
  if (b.encrypted) return <Tag>加密（恢复时检查）</Tag>;
  if (!b.check) return <Tag>未校验</Tag>;
  return (
    <Tooltip title={`${b.check.message}（${localTime(b.check.checkedAt)}）`}>
      <Tag color={b.check.ok ? 'green' : 'red'}>{b.check.ok ? '校验通过' : '校验未通过'}</Tag>
    </Tooltip>
  );
}

function BackupToModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ folder: string; password?: string; confirm?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const r = await call('system.backup.now', { folder: v.folder, password: v.password ? v.password : null });
      message.success(`已备份到 ${r.path}（${fmtBytes(r.bytes)}${r.encrypted ? '，已加密' : ''}）`);
      form.resetFields();
      onDone();
    } catch (err) {
      if (!showFieldError(form, err, ['folder', 'password'])) message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="备份到其他文件夹（如 U 盘）" open={open} onOk={() => void submit()} okText="备份" confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="folder" label="文件夹" rules={[{ required: true, message: '请输入文件夹的完整路径' }]} extra="例如 E:\账簿备份 或 /media/u盘/账簿备份。备份到其他文件夹的副本不会被自动清理。">
          <Input autoFocus placeholder="文件夹的完整路径" />
        </Form.Item>
        <Form.Item name="password" label="备份密码（可选）" extra="带出办公室的备份建议加密：设置密码后生成 .ulbak 文件，恢复时须输入该密码。密码遗失将无法恢复。" rules={[{ min: 8, message: '备份密码至少 8 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="再次输入备份密码"
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, value: string | undefined) => (!getFieldValue('password') || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的备份密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RestoreModal({ target, onClose, onDone }: { target: RestoreTarget | null; onClose: () => void; onDone: (stillLoggedIn: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ path?: string; password?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listed = target?.kind === 'listed' ? target.backup : null;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !target) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('system.restore', listed ? { name: listed.name, password: v.password || null } : { path: v.path ?? '', password: v.password || null });
      message.success(`已从备份恢复账簿（审计记录 ${r.auditRecords} 条）。恢复前的账簿已保留，可撤销恢复。`);
      form.resetFields();
      onDone(r.stillLoggedIn);
    } catch (err) {
      if (!(err instanceof ApiError && showFieldError(form, err, ['path', 'password']))) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="从备份恢复"
      open={target !== null}
      onOk={() => void submit()}
      okText="确认恢复"
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {listed ? (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="备份时间">{localTime(listed.takenAt)}</Descriptions.Item>
            <Descriptions.Item label="类型">{listed.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="文件">{listed.name}</Descriptions.Item>
          </Descriptions>
        ) : null}
        <Alert
          type="warning"
          showIcon
          title="恢复后，账簿回到备份时的状态，备份之后录入的内容将不在恢复后的账簿中。"
          description="恢复前会先检查该备份（数据库完整性、账簿标识、数据库版本、审计链）；检查不通过则不做任何改动。当前账簿文件会保留在备份文件夹中，可随时“撤销恢复”。其他已登录的用户需要重新登录。"
        />
        <Form form={form} layout="vertical" onFinish={() => void submit()}>
          {listed ? null : (
            <Form.Item name="path" label="备份文件的完整路径" rules={[{ required: true, message: '请输入备份文件的完整路径' }]}>
              <Input autoFocus placeholder="例如 E:\账簿备份\ledger-20261101-090000-备份.sqlite" />
            </Form.Item>
          )}
          {!listed || listed.encrypted ? (
            <Form.Item name="password" label={listed ? '备份密码' : '备份密码（加密备份 .ulbak 才需要）'} rules={listed ? [{ required: true, message: '请输入备份密码' }] : []}>
              <Input.Password autoFocus={Boolean(listed)} autoComplete="off" />
            </Form.Item>
          ) : null}
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Space>
    </Modal>
  );
}

function RetentionForm({ initial, onSaved }: { initial: RetentionSettings; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RetentionSettings>();
  const [busy, setBusy] = useState(false);
  const save = async (v: RetentionSettings) => {
    setBusy(true);
    try {
      await call('system.backupSettings.update', v);
      message.success('备份保留规则已保存');
      onSaved();
    } catch (err) {
      if (!showFieldError(form, err, ['keepToday', 'keepDaily', 'keepMonthly'])) message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="inline" initialValues={initial} onFinish={(v) => void save(v)}>
      <Form.Item name="keepToday" label="当天保留" rules={[{ required: true, message: '必填' }]}>
        <InputNumber min={1} max={50} suffix="份" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="keepDaily" label="按日保留" rules={[{ required: true, message: '必填' }]}>
        <InputNumber min={1} max={366} suffix="天" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="keepMonthly" label="按月保留" rules={[{ required: true, message: '必填' }]}>
        <InputNumber min={1} max={120} suffix="个月" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={busy}>
          保存保留规则
        </Button>
      </Form.Item>
    </Form>
  );
}

export default function BackupTab() {
  const { message, modal } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => call('system.backups.list', {}), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [backupTo, setBackupTo] = useState(false);
  const [restore, setRestore] = useState<RestoreTarget | null>(null);

  const backupNow = async () => {
    setBusy('now');
    try {
      const r = await call('system.backup.now', {});
      message.success(`备份完成：${r.path}（${fmtBytes(r.bytes)}），副本已校验。`);
      reload();
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(null);
    }
  };

  const check = async (b: BackupInfo) => {
    setBusy(`check:${b.name}`);
    try {
      const r = await call('system.backup.check', { name: b.name });
      if (r.check?.ok) message.success(`${b.name}：${r.check.message}`);
      else message.error(`${b.name}：${r.check?.message ?? '校验未通过'}`);
      reload();
    } catch (err) {
      reportError(message, err);
    } finally {
      setBusy(null);
    }
  };

  /** After a swap the whole app shows another file: start again from the top (login if needed). */
  const afterSwap = (stillLoggedIn: boolean) => {
    if (stillLoggedIn) reload();
    window.location.reload();
  };

  const undo = () => {
    modal.confirm({
      title: '撤销恢复',
      content: '放回恢复前的账簿文件。恢复之后在本账簿中录入的内容将随被撤销的账簿一起保存在备份文件夹中（文件名含“撤销恢复”）。确定撤销吗？',
      okText: '撤销恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await call('system.restore.undo', {});
          message.success('已撤销恢复，恢复前的账簿已放回。');
          afterSwap(r.stillLoggedIn);
        } catch (err) {
          reportError(message, err);
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        程序打开期间每天自动备份一次，关闭时、数据库升级前和年末结账前也会自动备份；自动备份按下方保留规则清理，手工备份和其他副本不会被清理。
        {data ? (
          <>
            <br />
            账簿文件：<Typography.Text code>{data.ledgerFile}</Typography.Text> 备份文件夹：<Typography.Text code>{data.dir}</Typography.Text>
          </>
        ) : null}
      </Typography.Paragraph>
      {data?.undo ? (
        <Alert
          type="info"
          showIcon
          title={`当前账簿于 ${localTime(data.undo.at)} 从备份恢复（${data.undo.restoredFrom}）。`}
          description={`恢复前的账簿文件保存在 ${data.undo.aside}。`}
          action={
            <Button danger onClick={undo}>
              撤销恢复
            </Button>
          }
        />
      ) : null}
      <Space wrap>
        <Button type="primary" loading={busy === 'now'} onClick={() => void backupNow()}>
          立即备份
        </Button>
        <Button onClick={() => setBackupTo(true)}>备份到…</Button>
        <Button onClick={() => setRestore({ kind: 'path' })}>从其他位置的备份文件恢复…</Button>
      </Space>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Table<BackupInfo>
        rowKey="name"
        size="small"
        loading={loading}
        dataSource={data?.backups ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有备份' }}
        columns={[
          { title: '备份时间', dataIndex: 'takenAt', width: 170, render: (v: string) => localTime(v) },
          { title: '类型', dataIndex: 'kindLabel', width: 110, render: (v: string, b) => (b.automatic ? <Tag color="blue">{v}</Tag> : <Tag>{v}</Tag>) },
          { title: '大小', dataIndex: 'bytes', width: 90, align: 'right', render: (v: number) => fmtBytes(v) },
          { title: '校验状态', key: 'check', width: 140, render: (_v, b) => <CheckTag b={b} /> },
          { title: '文件', dataIndex: 'name', ellipsis: true },
          {
            title: '操作',
            key: 'ops',
            width: 170,
            render: (_v, b) => (
              <Space size="small">
                {b.encrypted ? null : (
                  <Button size="small" loading={busy === `check:${b.name}`} onClick={() => void check(b)}>
                    校验
                  </Button>
                )}
                <Button size="small" danger onClick={() => setRestore({ kind: 'listed', backup: b })} aria-label={`从此备份恢复 ${b.name}`}>
                  从此备份恢复
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {data ? (
        <div>
          <Typography.Title level={5}>自动备份保留规则</Typography.Title>
          <RetentionForm key={JSON.stringify(data.retention)} initial={data.retention} onSaved={reload} />
        </div>
      ) : null}
      <BackupToModal
        open={backupTo}
        onClose={() => setBackupTo(false)}
        onDone={() => {
          setBackupTo(false);
          reload();
        }}
      />
      <RestoreModal
        target={restore}
        onClose={() => setRestore(null)}
        onDone={(still) => {
          setRestore(null);
          afterSwap(still);
        }}
      />
    </Space>
  );
}
