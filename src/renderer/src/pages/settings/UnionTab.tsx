// 工会信息: union.get / union.update. 级别 and 首个会计年度 are fixed once the ledger exists.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Skeleton } from 'antd';
import type { SetupStatus, UnionProfile } from '@contract/operations';
import { call } from '../../api';
import { errorMessage, showFieldError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { PresetSelect } from '../../lib/presets';
import { useSession } from '../../layout/SessionContext';

interface Values {
  name: string;
  uscc?: string;
  provincePreset: string;
}
const FIELDS = ['name', 'uscc', 'provincePreset'];

export default function UnionTab() {
  const { message } = App.useApp();
  const { setUnionName } = useSession();
  const [form] = Form.useForm<Values>();
  const [profile, setProfile] = useState<UnionProfile | null>(null);
  const [presets, setPresets] = useState<SetupStatus['presets']>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    Promise.all([call('union.get', {}), call('setup.status', {})])
      .then(([u, s]) => {
        setProfile(u);
        setPresets(s.presets);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const u = await call('union.update', { name: v.name, uscc: v.uscc ? v.uscc : null, provincePreset: v.provincePreset });
      setProfile(u);
      setUnionName(u.name);
      form.setFieldsValue({ name: u.name, uscc: u.uscc ?? '', provincePreset: u.provincePreset });
      message.success('工会信息已保存');
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  if (!profile) return error ? <Alert type="error" showIcon title={error} /> : <Skeleton active />;

  return (
    <div style={{ maxWidth: 640 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        name="union-profile"
        initialValues={{ name: profile.name, uscc: profile.uscc ?? '', provincePreset: profile.provincePreset }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item label="工会名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入工会名称' }, { min: 2, message: '工会名称至少 2 个字' }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item label="统一社会信用代码" name="uscc" extra="选填，18 位。" normalize={(v: string) => v.toUpperCase()}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item label="支出标准预设" name="provincePreset" rules={[{ required: true, message: '请选择支出标准预设' }]}>
          <PresetSelect presets={presets} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
      <Descriptions size="small" column={1} style={{ marginTop: 24 }} title="账簿信息">
        <Descriptions.Item label="级别">{profile.level}</Descriptions.Item>
        <Descriptions.Item label="首个会计年度">{profile.firstFiscalYear} 年</Descriptions.Item>
        <Descriptions.Item label="建立时间">{localTime(profile.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="最后修改">{localTime(profile.updatedAt)}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}
