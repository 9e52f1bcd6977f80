// 工会小组: the list with member counts, and (for the accountant and supervisor) add or rename.
import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Table } from 'antd';
import type { UnionGroup } from '@contract/members';
import { call } from '../../api';
import { isValidationReject, reportError, showFieldError } from '../../lib/errors';

interface Props {
  open: boolean;
  groups: UnionGroup[];
  canWrite: boolean;
  onClose: () => void;
  onChanged: () => void;
}

interface Values {
  name: string;
  leader?: string;
}

export default function GroupsModal({ open, groups, canWrite, onClose, onChanged }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  /** The group being edited; 0 for a new one; null when the form is closed. */
  const [editing, setEditing] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) setEditing(null);
  }, [open]);

  const edit = (g: UnionGroup | null) => {
    setEditing(g ? g.id : 0);
    form.setFieldsValue({ name: g?.name ?? '', leader: g?.leader ?? '' });
  };

  const save = async () => {
    try {
      const v = await form.validateFields();
      setSaving(true);
      const g = await call('groups.save', { id: editing || undefined, name: v.name, leader: v.leader || null });
      message.success(`已保存工会小组“${g.name}”`);
      setEditing(null);
      onChanged();
    } catch (err) {
      if (isValidationReject(err)) return;
      if (!showFieldError(form, err, ['name', 'leader'])) reportError(message, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="工会小组" open={open} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={640}>
      <Table<UnionGroup>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={groups}
        columns={[
          { title: '小组名称', dataIndex: 'name' },
          { title: '小组长', dataIndex: 'leader' },
          { title: '会员', dataIndex: 'members', align: 'right', width: 70 },
          { title: '其中在职', dataIndex: 'active', align: 'right', width: 90 },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 70,
                  render: (_: unknown, g: UnionGroup) => (
                    <Button size="small" type="link" onClick={() => edit(g)} aria-label={`编辑 ${g.name}`}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canWrite && editing === null && (
        <Button style={{ marginTop: 12 }} onClick={() => edit(null)}>
          新增小组
        </Button>
      )}
      {canWrite && editing !== null && (
        <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={() => void save()}>
          <Form.Item name="name" label="小组名称" rules={[{ required: true, whitespace: true, message: '请输入小组名称' }]}>
            <Input autoFocus style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="leader" label="小组长">
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {editing ? '保存' : '添加'}
            </Button>
            <Button onClick={() => setEditing(null)}>取消</Button>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
