// One member: details (身份证号 and 银行账号 masked; "显示完整号码" asks the core with reveal, which
// the audit log records), the edit form (core field errors on their field), 变更状态 (status, date
// and reason, appended to the history; a member is never deleted) and the history.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Drawer, Form, Input, Modal, Select, Space, Spin, Timeline, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  EMPLOYMENT_TYPES,
  GENDERS,
  MEMBER_STATUS_LABELS,
  MODEL_WORKER_LEVELS,
  type EmploymentType,
  type Gender,
  type MemberDetail,
  type MemberHistoryEntry,
  type MemberStatus,
  type ModelWorkerLevel,
  type UnionGroup,
} from '@contract/members';
import { call } from '../../api';
import { errorMessage, isValidationReject, reportError, showFieldError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { STATUS_OPTIONS, StatusTag } from './common';

interface Props {
  target: number | 'new' | null;
  canWrite: boolean;
  groups: UnionGroup[];
  onClose: () => void;
  /** After a save: the member's id (a new member stays open). */
  onChanged: (id?: number) => void;
}

interface EditValues {
  employeeNo: string;
  name: string;
  gender?: Gender | null;
  birthDate?: string;
  groupId?: number | null;
  joinedOn?: string;
  status?: MemberStatus;
  statusSince?: string;
  employmentType: EmploymentType;
  modelWorker?: ModelWorkerLevel | null;
  phone?: string;
  idNumber?: string;
  bankAccount?: string;
  noFixedIncome?: boolean;
}

const EDIT_FIELDS = ['employeeNo', 'name', 'gender', 'birthDate', 'groupId', 'joinedOn', 'status', 'statusSince', 'employmentType', 'modelWorker', 'phone', 'idNumber', 'bankAccount', 'noFixedIncome'] as const;

const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };
const blankToNull = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);

export default function MemberDrawer({ target, canWrite, groups, onClose, onChanged }: Props) {
  const { message } = App.useApp();
  const [member, setMember] = useState<MemberDetail | null>(null);
  const [history, setHistory] = useState<MemberHistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const [form] = Form.useForm<EditValues>();
  const id = typeof target === 'number' ? target : null;

  useEffect(() => {
    setMember(null);
    setHistory([]);
    setError(null);
    setEditing(target === 'new');
    if (target === 'new') {
      form.resetFields();
      form.setFieldsValue({ employmentType: '正式', status: 'active', joinedOn: dayjs().format('YYYY-MM-DD') });
    }
    if (id === null) return;
    let live = true;
    Promise.all([call('members.get', { id }), call('members.history', { id })])
      .then(([m, h]) => {
        if (!live) return;
        setMember(m);
        setHistory(h);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [target, id, form]);

  const reveal = async () => {
    if (id === null) return;
    setRevealing(true);
    try {
      setMember(await call('members.get', { id, reveal: true }));
    } catch (err) {
      reportError(message, err);
    } finally {
      setRevealing(false);
    }
  };

  const startEdit = () => {
    if (!member) return;
    form.resetFields();
    form.setFieldsValue({
      employeeNo: member.employeeNo,
      name: member.name,
      gender: member.gender,
      birthDate: member.birthDate ?? '',
      groupId: member.groupId,
      joinedOn: member.joinedOn ?? '',
      employmentType: member.employmentType,
      modelWorker: member.modelWorker,
      phone: member.phone ?? '',
      noFixedIncome: member.noFixedIncome,
    });
    setEditing(true);
  };

  const save = async () => {
    try {
      const v = await form.validateFields();
      setSaving(true);
      const saved = await call('members.save', {
        id: id ?? undefined,
        employeeNo: v.employeeNo,
        name: v.name,
        gender: v.gender ?? null,
        birthDate: blankToNull(v.birthDate),
        groupId: v.groupId ?? null,
        joinedOn: blankToNull(v.joinedOn),
        // The status of an existing member changes through 变更状态 (with its reason).
        status: id === null ? (v.status ?? 'active') : (member?.status ?? 'active'),
        statusSince: id === null ? blankToNull(v.statusSince) : undefined,
        employmentType: v.employmentType,
        modelWorker: v.modelWorker ?? null,
        phone: blankToNull(v.phone),
        // Left empty: keep what is stored.
        idNumber: v.idNumber?.trim() ? v.idNumber.trim() : undefined,
        bankAccount: v.bankAccount?.trim() ? v.bankAccount.trim() : undefined,
        noFixedIncome: v.noFixedIncome ?? false,
      });
      message.success(`已保存会员 ${saved.employeeNo} ${saved.name}`);
      setEditing(false);
      setMember(saved);
      if (id !== null) setHistory(await call('members.history', { id }));
      onChanged(saved.id);
    } catch (err) {
      if (isValidationReject(err)) return;
      if (!showFieldError(form, err, EDIT_FIELDS)) reportError(message, err);
    } finally {
      setSaving(false);
    }
  };

  const title = target === 'new' ? '新增会员' : member ? `${member.employeeNo} ${member.name}` : '会员';
  return (
    <Drawer
      title={title}
      open={target !== null}
      onClose={onClose}
      size={640}
      extra={
        member &&
        canWrite &&
        !editing && (
          <Space>
            <Button onClick={startEdit}>编辑</Button>
            <Button type="primary" onClick={() => setStatusOpen(true)}>
              变更状态
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {id !== null && !member && !error && <Spin />}
      {editing ? (
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 16 }} onFinish={() => void save()}>
          <Form.Item name="employeeNo" label="工号" rules={[{ required: true, whitespace: true, message: '请输入工号' }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="gender" label="性别">
            <Select allowClear options={GENDERS.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item name="birthDate" label="出生日期" rules={[dateRule]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="groupId" label="工会小组">
            <Select allowClear options={groups.map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
          <Form.Item name="joinedOn" label="入会日期" rules={[dateRule]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          {id === null && (
            <>
              <Form.Item name="status" label="会员状态">
                <Select options={STATUS_OPTIONS} />
              </Form.Item>
              <Form.Item name="statusSince" label="状态日期" rules={[dateRule]}>
                <Input placeholder="YYYY-MM-DD（默认入会日期）" />
              </Form.Item>
            </>
          )}
          <Form.Item name="employmentType" label="用工类型">
            <Select options={EMPLOYMENT_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="modelWorker" label="劳模级别">
            <Select allowClear options={MODEL_WORKER_LEVELS.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" extra={member?.idNumberMasked ? `已登记 ${member.idNumberMasked}；留空则保持不变` : undefined}>
            <Input placeholder="18 位" autoComplete="off" />
          </Form.Item>
          <Form.Item name="bankAccount" label="银行账号" extra={member?.bankAccountMasked ? `已登记 ${member.bankAccountMasked}；留空则保持不变` : undefined}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="noFixedIncome" label="无固定收入" valuePropName="checked" extra="按上月工资计算会费（工发[1978]101号 第三项）">
            <Checkbox />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 6 }}>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存
              </Button>
              <Button onClick={() => (id === null ? onClose() : setEditing(false))}>取消</Button>
            </Space>
          </Form.Item>
        </Form>
      ) : (
        member && (
          <>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="工号">{member.employeeNo}</Descriptions.Item>
              <Descriptions.Item label="姓名">{member.name}</Descriptions.Item>
              <Descriptions.Item label="性别">{member.gender ?? ''}</Descriptions.Item>
              <Descriptions.Item label="出生日期">{member.birthDate ?? ''}</Descriptions.Item>
              <Descriptions.Item label="工会小组">{member.groupName ?? '未分组'}</Descriptions.Item>
              <Descriptions.Item label="入会日期">{member.joinedOn ?? ''}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <StatusTag status={member.status} />
              </Descriptions.Item>
              <Descriptions.Item label="状态日期">{member.statusSince}</Descriptions.Item>
              <Descriptions.Item label="用工类型">{member.employmentType}</Descriptions.Item>
              <Descriptions.Item label="劳模级别">{member.modelWorker ?? ''}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{member.phone ?? ''}</Descriptions.Item>
              <Descriptions.Item label="无固定收入">{member.noFixedIncome ? '是' : '否'}</Descriptions.Item>
              <Descriptions.Item label="身份证号" span={2}>
                <span className="ulm-num" aria-label="身份证号">
                  {member.revealed ? (member.revealed.idNumber ?? '') : (member.idNumberMasked ?? '')}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="银行账号" span={2}>
                <span className="ulm-num" aria-label="银行账号">
                  {member.revealed ? (member.revealed.bankAccount ?? '') : (member.bankAccountMasked ?? '')}
                </span>
              </Descriptions.Item>
            </Descriptions>
            {!member.revealed && (member.idNumberMasked || member.bankAccountMasked) && (
              <div className="ulm-reveal">
                <Button size="small" icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()}>
                  显示完整号码
                </Button>
                <Typography.Text type="secondary">查看完整的身份证号和银行账号会以您的名义记入审计日志。</Typography.Text>
              </div>
            )}
            {member.revealed && <Alert type="warning" showIcon style={{ marginTop: 8 }} title="已显示完整号码，本次查看已记入审计日志。" />}
            <h4 className="ulm-subhead">历史</h4>
            {history.length === 0 ? (
              <Typography.Text type="secondary">暂无记录</Typography.Text>
            ) : (
              <Timeline
                aria-label="会员历史"
                items={history.map((h, i) => ({
                  key: i,
                  content: (
                    <div>
                      <div>
                        <strong>{h.date}</strong> {h.title}
                      </div>
                      {h.detail && <div>{h.detail}</div>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {localTime(h.recordedAt)} {h.recordedBy ?? ''} 登记
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </>
        )
      )}
      {member && (
        <StatusDialog
          open={statusOpen}
          member={member}
          onClose={() => setStatusOpen(false)}
          onDone={async (m) => {
            setStatusOpen(false);
            setMember(m);
            setHistory(await call('members.history', { id: m.id }));
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

interface StatusValues {
  status: MemberStatus;
  effectiveDate: string;
  reason: string;
}

function StatusDialog({ open, member, onClose, onDone }: { open: boolean; member: MemberDetail; onClose: () => void; onDone: (m: MemberDetail) => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<StatusValues>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue({ status: undefined, effectiveDate: dayjs().format('YYYY-MM-DD'), reason: '' });
  }, [open, form]);
  const submit = async () => {
    try {
      const v = await form.validateFields();
      setSaving(true);
      const m = await call('members.changeStatus', { id: member.id, status: v.status, effectiveDate: v.effectiveDate, reason: v.reason });
      message.success(`${m.name} 的状态已变更为“${MEMBER_STATUS_LABELS[m.status]}”`);
      await onDone(m);
    } catch (err) {
      if (isValidationReject(err)) return;
      if (!showFieldError(form, err, ['status', 'effectiveDate', 'reason'])) reportError(message, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={`变更状态：${member.name}`} open={open} onCancel={onClose} onOk={() => void submit()} okText="确认变更" confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        当前状态：{MEMBER_STATUS_LABELS[member.status]}（{member.statusSince} 起）。退休、失业可保留会籍，保留会籍期间免交会费（章程 第八条）；变更自生效日所在月的次月起影响会费，生效日为 1 日的当月即生效。会员不会被删除。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="status" label="新状态" rules={[{ required: true, message: '请选择新状态' }]}>
          <Select aria-label="新状态" options={STATUS_OPTIONS.filter((o) => o.value !== member.status)} />
        </Form.Item>
        <Form.Item name="effectiveDate" label="生效日期" rules={[{ required: true, message: '请输入生效日期' }, dateRule]}>
          <Input aria-label="生效日期" placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="reason" label="变更原因" rules={[{ required: true, whitespace: true, message: '请填写变更原因' }]}>
          <Input.TextArea aria-label="变更原因" rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
