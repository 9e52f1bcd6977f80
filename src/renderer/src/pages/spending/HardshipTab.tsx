// 困难职工档案 (issue 5; scenarios S4, S5, S11). Shown only to the chair and the users the
// administrator granted (SpendingPage asks hardship.mayRead; the core refuses everyone else anyway,
// CHK-PRIV-1 个人信息保护法 第二十八条). The case list, 建档, the lifecycle 建档 → 帮扶 → 脱困退出 / 注销
// with a reason, the aid paid under each case, and 登记帮扶支出: a 困难帮扶 / 送温暖 / 金秋助学 request
// referencing the case, opened in the request form for the ordinary approval. The year's figures in
// 户 / 人 / 人次 / 元 (no names) for the disclosure.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import {
  HARDSHIP_AID_TYPES,
  HARDSHIP_REASONS,
  HARDSHIP_STATUSES,
  HARDSHIP_TRANSITIONS,
  type HardshipCaseDetail,
  type HardshipCaseSummary,
  type HardshipReason,
  type HardshipStatus,
} from '@contract/distributions';
import { formatYuan, parseYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useLoad } from '../../lib/useLoad';
import { MemberPicker } from '../members/common';
import { todayIso } from './common';

const STATUS_COLOR: Record<HardshipStatus, string> = { 建档: 'blue', 帮扶: 'orange', 脱困退出: 'green', 注销: 'default' };
type AidType = (typeof HARDSHIP_AID_TYPES)[number];
/** 第九条 维权支出: 困难职工帮扶 50404, 送温暖 50405 (金秋助学 is aid to hardship families, 50404). */
const AID_ACCOUNT: Record<AidType, string> = { 困难帮扶: '50404', 送温暖: '50405', 金秋助学: '50404' };

export default function HardshipTab({ onOpen }: { onOpen: (id: number) => void }) {
  const [status, setStatus] = useState<HardshipStatus | 'all'>('all');
  const [caseId, setCaseId] = useState<number | null>(null);
  const [opening, setOpening] = useState(false);
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useLoad(() => call('hardship.list', status === 'all' ? {} : { status }), [status]);
  const summary = useLoad(() => call('hardship.summary', { year }), [year]);
  const reload = () => {
    list.reload();
    summary.reload();
  };
  return (
    <div aria-label="困难职工档案">
      <div className="uls-toolbar">
        <Space wrap>
          <span>状态</span>
          <Select<HardshipStatus | 'all'>
            aria-label="档案状态"
            value={status}
            onChange={setStatus}
            options={[{ value: 'all', label: '全部' }, ...HARDSHIP_STATUSES.map((s) => ({ value: s, label: s }))]}
            style={{ width: 110 }}
          />
          <Button type="primary" onClick={() => setOpening(true)}>
            建档
          </Button>
        </Space>
        <Space>
          <span>年度</span>
          <InputNumber aria-label="帮扶统计年度" value={year} min={2000} max={2100} onChange={(v) => v !== null && setYear(v)} style={{ width: 90 }} />
          {summary.data && (
            <span aria-label="帮扶统计">
              {summary.data.year} 年帮扶 {summary.data.households} 户、{summary.data.persons} 人、{summary.data.personTimes} 人次，合计{' '}
              <span className="ulm-num">{formatYuan(summary.data.totalFen)}</span> 元
              {summary.data.unlinkedRequests > 0 ? `（${summary.data.unlinkedRequests} 笔未关联档案）` : ''}
            </span>
          )}
        </Space>
      </div>
      <Alert type="info" showIcon title="困难职工档案含敏感个人信息，仅工会主席和管理员授权的人员可见；对外公示只用户数、人数、人次和金额，不列姓名。" style={{ marginBottom: 8 }} />
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<HardshipCaseSummary>
        aria-label="档案列表"
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无困难职工档案' }}
        onRow={(r) => ({ onClick: () => setCaseId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '档案号', dataIndex: 'id', width: 70, render: (v: number) => <a onClick={() => setCaseId(v)}>#{v}</a> },
          { title: '工号', dataIndex: 'employeeNo', width: 90 },
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '工会小组', dataIndex: 'group', width: 110, render: (v: string | null) => v ?? '' },
          { title: '家庭人口', dataIndex: 'householdSize', width: 80, align: 'right' },
          { title: '致困原因', dataIndex: 'reasons', render: (v: HardshipReason[]) => v.join('、') },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: HardshipStatus) => <Tag color={STATUS_COLOR[v]}>{v}</Tag> },
          { title: '建档日期', dataIndex: 'openedOn', width: 110 },
          { title: '帮扶', key: 'aid', width: 150, align: 'right', render: (_v, r) => `${r.aidCount} 次 ${formatYuan(r.aidFen)} 元` },
        ]}
      />
      {opening && (
        <OpenCaseModal
          onClose={() => setOpening(false)}
          onDone={(id) => {
            setOpening(false);
            reload();
            setCaseId(id);
          }}
        />
      )}
      {caseId !== null && <CaseDrawer caseId={caseId} onClose={() => setCaseId(null)} onChanged={reload} onOpen={onOpen} />}
    </div>
  );
}

function OpenCaseModal({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const [memberId, setMemberId] = useState<number | null>(null);
  const [date, setDate] = useState(todayIso());
  const [size, setSize] = useState<number | null>(3);
  const [reasons, setReasons] = useState<HardshipReason[]>([]);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (memberId === null) return setError('请选择会员');
    setBusy(true);
    setError(null);
    try {
      const c = await call('hardship.open', { memberId, date, householdSize: size ?? 0, reasons, ...(notes.trim() ? { notes: notes.trim() } : {}) });
      onDone(c.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="建立困难职工档案" okText="建档" cancelText="取消" onOk={() => void save()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <div className="uls-grid">
        <label className="uls-field uls-wide">
          <span>会员</span>
          <MemberPicker label="建档会员" value={memberId} onChange={(m) => setMemberId(m?.id ?? null)} width={360} />
        </label>
        <label className="uls-field">
          <span>建档日期</span>
          <Input aria-label="建档日期" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 130 }} />
        </label>
        <label className="uls-field">
          <span>家庭人口</span>
          <InputNumber aria-label="家庭人口" value={size} min={1} max={30} onChange={setSize} />
        </label>
        <label className="uls-field uls-wide">
          <span>致困原因</span>
          <Select<HardshipReason[]> aria-label="致困原因" mode="multiple" value={reasons} onChange={setReasons} options={HARDSHIP_REASONS.map((r) => ({ value: r, label: r }))} />
        </label>
        <label className="uls-field uls-wide">
          <span>备注</span>
          <Input.TextArea aria-label="档案备注" value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} />
        </label>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

function CaseDrawer({ caseId, onClose, onChanged, onOpen }: { caseId: number; onClose: () => void; onChanged: () => void; onOpen: (id: number) => void }) {
  const { message } = App.useApp();
  const got = useLoad(() => call('hardship.get', { caseId }), [caseId]);
  const [moving, setMoving] = useState<HardshipStatus | null>(null);
  const [aid, setAid] = useState(false);
  const [editing, setEditing] = useState(false);
  const c = got.data;
  const next = c ? HARDSHIP_TRANSITIONS[c.status] : [];
  const open = c ? c.status === '建档' || c.status === '帮扶' : false;
  return (
    <Drawer open title={c ? `困难职工档案 #${c.id} ${c.name}` : '困难职工档案'} size={720} onClose={onClose} destroyOnHidden>
      {got.error && <Alert type="error" showIcon title={got.error} />}
      {c && (
        <div aria-label="档案详情">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="会员">
              {c.employeeNo} {c.name}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLOR[c.status]} aria-label="档案当前状态">
                {c.status}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="家庭人口">{c.householdSize}</Descriptions.Item>
            <Descriptions.Item label="致困原因">{c.reasons.join('、')}</Descriptions.Item>
            <Descriptions.Item label="建档日期">{c.openedOn}</Descriptions.Item>
            <Descriptions.Item label="结档日期">{c.closedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="备注" span={2}>
              {c.notes ?? ''}
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ margin: '12px 0' }} wrap>
            {next.map((s) => (
              <Button key={s} onClick={() => setMoving(s)} danger={s === '注销'}>
                {s === '帮扶' ? '转入帮扶' : s === '脱困退出' ? '脱困退出' : '注销'}
              </Button>
            ))}
            {open && (
              <Button type="primary" onClick={() => setAid(true)}>
                登记帮扶支出
              </Button>
            )}
            {open && <Button onClick={() => setEditing(true)}>修改档案</Button>}
          </Space>
          <h3 className="uls-bh">档案履历</h3>
          <Timeline
            items={c.steps.map((s) => ({
              content: (
                <span>
                  {s.date} {s.fromStatus ? `${s.fromStatus} → ` : ''}
                  <b>{s.toStatus}</b>：{s.reason}（{s.user}）
                </span>
              ),
            }))}
          />
          <h3 className="uls-bh">帮扶支出</h3>
          <Table<HardshipCaseDetail['aid'][number]>
            aria-label="帮扶支出"
            rowKey="requestId"
            size="small"
            pagination={false}
            dataSource={c.aid}
            locale={{ emptyText: '尚无关联的帮扶支出' }}
            columns={[
              { title: '申请', dataIndex: 'requestId', render: (v: number) => <a onClick={() => onOpen(v)}>#{v}</a> },
              { title: '类型', dataIndex: 'type' },
              { title: '日期', dataIndex: 'date' },
              { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number) => <span className="ulm-num">{formatYuan(v)}</span> },
              { title: '状态', dataIndex: 'statusLabel' },
            ]}
          />
        </div>
      )}
      {c && moving && (
        <TransitionModal
          c={c}
          to={moving}
          onClose={() => setMoving(null)}
          onDone={() => {
            setMoving(null);
            message.success(`档案 #${c.id} 已${moving === '帮扶' ? '转入帮扶' : moving}`);
            got.reload();
            onChanged();
          }}
        />
      )}
      {c && aid && <AidModal c={c} onClose={() => setAid(false)} onDone={(id) => onOpen(id)} />}
      {c && editing && (
        <EditCaseModal
          c={c}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            got.reload();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

function TransitionModal({ c, to, onClose, onDone }: { c: HardshipCaseDetail; to: HardshipStatus; onClose: () => void; onDone: () => void }) {
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('hardship.transition', { caseId: c.id, to, date, reason: reason.trim() });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${c.name}：${c.status} → ${to}`} okText="确定" cancelText="取消" onOk={() => void save()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <div className="uls-grid">
        <label className="uls-field">
          <span>变更日期</span>
          <Input aria-label="变更日期" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 130 }} />
        </label>
        <label className="uls-field uls-wide">
          <span>原因</span>
          <Input.TextArea aria-label="变更原因" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} placeholder={to === '脱困退出' ? '如：家庭收入恢复，已稳定脱困' : to === '注销' ? '如：调离本单位、建档有误' : '如：列入年度帮扶计划'} />
        </label>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

/** A draft aid request referencing the case; the request form takes it from there (evidence, 集体研究, approval). */
function AidModal({ c, onClose, onDone }: { c: HardshipCaseDetail; onClose: () => void; onDone: (requestId: number) => void }) {
  const { message } = App.useApp();
  const [type, setType] = useState<AidType>('困难帮扶');
  const [date, setDate] = useState(todayIso());
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<'银行转账' | '现金' | '实物'>('银行转账');
  const [purpose, setPurpose] = useState(`${c.name}困难帮扶金`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setError(null);
    let fen: number;
    try {
      fen = parseYuan(amount, '帮扶金额');
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    setBusy(true);
    try {
      const r = await call('spending.save', {
        type,
        purpose: purpose.trim(),
        date,
        accountCode: AID_ACCOUNT[type],
        amountFen: fen,
        payee: { kind: 'member', name: c.name, memberId: c.memberId },
        paymentMethod: method,
        recipients: [{ memberId: c.memberId, amountFen: fen, ...(method === '实物' ? { item: purpose.trim() } : {}) }],
        hardshipCaseId: c.id,
      });
      message.success(`已生成支出申请 #${r.id}（关联档案 #${c.id}）`);
      onDone(r.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`登记帮扶支出：档案 #${c.id} ${c.name}`} okText="生成支出申请" cancelText="取消" onOk={() => void save()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <div className="uls-grid">
        <label className="uls-field">
          <span>帮扶类型</span>
          <Select<AidType>
            aria-label="帮扶类型"
            value={type}
            onChange={(t) => {
              setType(t);
              setPurpose(`${c.name}${t === '困难帮扶' ? '困难帮扶金' : t === '送温暖' ? '送温暖慰问' : '金秋助学金'}`);
            }}
            options={HARDSHIP_AID_TYPES.map((t) => ({ value: t, label: `${t}（${AID_ACCOUNT[t]}）` }))}
            style={{ width: 180 }}
          />
        </label>
        <label className="uls-field">
          <span>日期</span>
          <Input aria-label="帮扶日期" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 130 }} />
        </label>
        <label className="uls-field">
          <span>金额（元）</span>
          <Input aria-label="帮扶金额" value={amount} onChange={(e) => setAmount(e.target.value)} style={{ width: 120 }} className="ulm-num" />
        </label>
        <label className="uls-field">
          <span>方式</span>
          <Select aria-label="帮扶方式" value={method} onChange={setMethod} options={(['银行转账', '现金', '实物'] as const).map((m) => ({ value: m, label: m }))} style={{ width: 110 }} />
        </label>
        <label className="uls-field uls-wide">
          <span>用途说明</span>
          <Input aria-label="帮扶用途" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        </label>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

/** 家庭人口, 致困原因 and 备注 of an open case (hardship.update, audited). */
function EditCaseModal({ c, onClose, onDone }: { c: HardshipCaseDetail; onClose: () => void; onDone: () => void }) {
  const [size, setSize] = useState<number | null>(c.householdSize);
  const [reasons, setReasons] = useState<HardshipReason[]>(c.reasons);
  const [notes, setNotes] = useState(c.notes ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('hardship.update', { caseId: c.id, householdSize: size ?? 0, reasons, notes: notes.trim() ? notes.trim() : null });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`修改困难职工档案 #${c.id} ${c.name}`} okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <div className="uls-grid">
        <label className="uls-field">
          <span>家庭人口</span>
          <InputNumber aria-label="修改家庭人口" value={size} min={1} max={30} onChange={setSize} />
        </label>
        <label className="uls-field uls-wide">
          <span>致困原因</span>
          <Select<HardshipReason[]> aria-label="修改致困原因" mode="multiple" value={reasons} onChange={setReasons} options={HARDSHIP_REASONS.map((r) => ({ value: r, label: r }))} />
        </label>
        <label className="uls-field uls-wide">
          <span>备注</span>
          <Input.TextArea aria-label="修改档案备注" value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} />
        </label>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
