// First run: 工会信息 → 管理员账户 → 确认, then setup.createLedger (which also logs the admin in).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Space, Steps, Typography } from 'antd';
import type { InputRef } from 'antd';
import type { SessionInfo, SetupStatus } from '@contract/operations';
import { call } from '../api';
import { errorMessage, showFieldError } from '../lib/errors';
import { PresetSelect, ReliabilityTag } from '../lib/presets';

interface UnionValues {
  name: string;
  uscc?: string;
  provincePreset: string;
  firstFiscalYear: number;
}
interface AdminValues {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

const UNION_FIELDS = ['name', 'uscc', 'provincePreset', 'firstFiscalYear'];
const ADMIN_FIELDS = ['username', 'displayName', 'password'];

interface Props {
  status: SetupStatus;
  onCreated: (session: SessionInfo) => void;
}

export default function SetupWizard({ status, onCreated }: Props) {
  const [step, setStep] = useState(0);
  const [unionForm] = Form.useForm<UnionValues>();
  const [adminForm] = Form.useForm<AdminValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unionFirst = useRef<InputRef>(null);
  const adminFirst = useRef<InputRef>(null);
  const createButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const target = [unionFirst.current, adminFirst.current, createButton.current][step];
    // Wait for the step to become visible before focusing it.
    const t = setTimeout(() => target?.focus(), 0);
    return () => clearTimeout(t);
  }, [step]);

  const create = async () => {
    const union = unionForm.getFieldsValue(true) as UnionValues;
    const admin = adminForm.getFieldsValue(true) as AdminValues;
    setSubmitting(true);
    setError(null);
    try {
      const session = await call('setup.createLedger', {
        union: {
          name: union.name,
          uscc: union.uscc ? union.uscc : null,
          provincePreset: union.provincePreset,
          firstFiscalYear: union.firstFiscalYear,
        },
        admin: { username: admin.username, displayName: admin.displayName, password: admin.password },
      });
      onCreated(session);
    } catch (err) {
      if (showFieldError(unionForm, err, UNION_FIELDS, 'union')) setStep(0);
      else if (showFieldError(adminForm, err, ADMIN_FIELDS, 'admin')) setStep(1);
      else setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  const union = unionForm.getFieldsValue(true) as Partial<UnionValues>;
  const admin = adminForm.getFieldsValue(true) as Partial<AdminValues>;
  const preset = status.presets.find((p) => p.id === union.provincePreset);

  return (
    <div className="ul-centered">
      <Card style={{ width: 720, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          建立工会经费账簿
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          首次使用，请填写工会信息并设置管理员账户。管理员负责维护工会信息、用户与系统设置。
        </Typography.Paragraph>
        <Steps current={step} items={[{ title: '工会信息' }, { title: '管理员账户' }, { title: '确认' }]} style={{ marginBottom: 24 }} />

        <div hidden={step !== 0}>
          <Form<UnionValues>
            form={unionForm}
            layout="vertical"
            name="setup-union"
            initialValues={{ provincePreset: 'NATIONAL', firstFiscalYear: new Date().getFullYear() }}
            onFinish={() => setStep(1)}
          >
            <Form.Item label="工会名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入工会名称' }, { min: 2, message: '工会名称至少 2 个字' }, { max: 100, message: '工会名称最多 100 个字' }]}>
              <Input ref={unionFirst} placeholder="例如：某某有限公司工会委员会" />
            </Form.Item>
            <Form.Item label="统一社会信用代码" name="uscc" extra="选填，18 位；校验位将按 GB 32100-2015 核对。" normalize={(v: string) => v.toUpperCase()}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item label="级别" htmlFor="setup-union-level" extra="本软件用于基层工会。">
              <Input id="setup-union-level" value="基层" readOnly aria-readonly />
            </Form.Item>
            <Form.Item label="支出标准预设" name="provincePreset" rules={[{ required: true, message: '请选择支出标准预设' }]} extra="各省支出标准作为可调整的预设，之后可在设置中修改。">
              <PresetSelect presets={status.presets} />
            </Form.Item>
            <Form.Item label="首个会计年度" name="firstFiscalYear" rules={[{ required: true, message: '请输入首个会计年度' }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              下一步
            </Button>
          </Form>
        </div>

        <div hidden={step !== 1}>
          <Form<AdminValues> form={adminForm} layout="vertical" name="setup-admin" onFinish={() => setStep(2)}>
            <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }, { min: 2, message: '用户名至少 2 个字符' }]}>
              <Input ref={adminFirst} autoComplete="username" />
            </Form.Item>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }, { min: 8, message: '密码至少 8 位' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认密码"
              name="confirm"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Space>
              <Button onClick={() => setStep(0)}>上一步</Button>
              <Button type="primary" htmlType="submit">
                下一步
              </Button>
            </Space>
          </Form>
        </div>

        {step === 2 && (
          <>
            <Descriptions bordered column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label="工会名称">{union.name}</Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码">{union.uscc || '（未填写）'}</Descriptions.Item>
              <Descriptions.Item label="级别">基层</Descriptions.Item>
              <Descriptions.Item label="支出标准预设">
                {preset ? (
                  <>
                    {preset.label}（{preset.document}） <ReliabilityTag mark={preset.reliability} />
                  </>
                ) : (
                  union.provincePreset
                )}
              </Descriptions.Item>
              <Descriptions.Item label="首个会计年度">{union.firstFiscalYear} 年</Descriptions.Item>
              <Descriptions.Item label="管理员">
                {admin.displayName}（{admin.username}）
              </Descriptions.Item>
            </Descriptions>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Space>
              <Button onClick={() => setStep(1)} disabled={submitting}>
                上一步
              </Button>
              <Button ref={createButton} type="primary" loading={submitting} onClick={() => void create()}>
                建立账簿
              </Button>
            </Space>
          </>
        )}
        {error && step !== 2 && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      </Card>
    </div>
  );
}
