// 支出规则 (admin): the versions of the active spending-rule preset (shipped, or added by the
// administrator), the rules of a version with the check that reads each and its citation, and
// 新建版本: a copy of a version with changed caps, thresholds and severities, effective from a date,
// with the reason (the document and number). Old versions are never edited; each request is checked
// against the version in force on its date (spending-rules.md §6). Also here: the unit's own
// settings that apply over every version (spending.settings: the major-expense threshold R-APP ❓ has
// no default and must be entered by the unit), and who besides the chair may see the 困难职工档案
// (hardship.access).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Divider, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import {
  RULE_BENEFIT_KEYS,
  RULE_BENEFIT_LABELS,
  RULE_SEVERITY_KEYS,
  RULE_SEVERITY_LABELS,
  type EditableRules,
  type RuleBenefitKey,
  type RuleRow,
  type RuleSeverityKey,
  type RuleVersionSummary,
} from '@contract/rule-presets';
import type { SpendingSettings } from '@contract/spending';
import { formatYuan, parseYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useLoad } from '../../lib/useLoad';
import '../spending/spending.css';

const yuanText = (fen: number | null) => (fen === null ? '' : formatYuan(fen, { thousands: false }));

export default function SpendingRulesTab() {
  const list = useLoad(() => call('spending.rules.list', {}), []);
  const [version, setVersion] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const versions = list.data?.versions ?? [];
  const presetId = list.data?.activePresetId ?? null;
  useEffect(() => {
    if (version === null && versions.length > 0) setVersion((versions.find((v) => v.inForce) ?? versions.at(-1)!).version);
  }, [versions, version]);
  const view = useLoad(presetId !== null && version !== null ? () => call('spending.rules.get', { presetId, version }) : null, [presetId, version]);

  return (
    <div aria-label="支出规则">
      <Typography.Paragraph type="secondary">
        支出标准按“预设 + 版本 + 施行日期”管理：内置版本和已有版本不能修改，调整标准时以某一版本为基础新建版本，自施行日期起适用；每笔支出申请按其日期所适用的版本检查并记录版本号。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<RuleVersionSummary>
        aria-label="标准版本"
        rowKey="version"
        size="small"
        pagination={false}
        loading={list.loading}
        dataSource={versions}
        rowClassName={(r) => (r.version === version ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => setVersion(r.version), style: { cursor: 'pointer' } })}
        columns={[
          { title: '版本', dataIndex: 'ruleSetVersion', width: 140, render: (v: string, r) => <a onClick={() => setVersion(r.version)}>{v}</a> },
          { title: '名称', dataIndex: 'presetLabel', width: 130 },
          { title: '施行日期', dataIndex: 'effectiveFrom', width: 110, render: (v: string) => (v === '1900-01-01' ? '不详（任何日期）' : v) },
          { title: '来源', dataIndex: 'origin', width: 90, render: (v: string) => (v === 'admin' ? <Tag color="blue">管理员新建</Tag> : <Tag>内置</Tag>) },
          { title: '依据版本', dataIndex: 'basedOn', width: 80, render: (v: number | null) => (v === null ? '' : `v${v}`) },
          { title: '修订理由', dataIndex: 'reason', render: (v: string | null, r) => v ?? `${r.source.document}${r.source.docNumber ?? ''}` },
          { title: '创建', key: 'by', width: 170, render: (_v, r) => (r.createdBy ? `${r.createdBy} ${r.createdAt?.slice(0, 10) ?? ''}` : '') },
          { title: '现行', dataIndex: 'inForce', width: 60, render: (v: boolean) => (v ? <Tag color="green">现行</Tag> : '') },
        ]}
      />
      {view.error && <Alert type="error" showIcon title={view.error} style={{ marginTop: 8 }} />}
      {view.data && (
        <>
          <div className="uls-toolbar" style={{ marginTop: 12, display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Title level={5} style={{ margin: 0 }} aria-label="所选版本">
              {view.data.ruleSetVersion} {view.data.presetLabel}（自 {view.data.effectiveFrom} 施行）
            </Typography.Title>
            <Button type="primary" onClick={() => setEditing(true)}>
              以 v{view.data.version} 为基础新建版本
            </Button>
          </div>
          <Table<RuleRow>
            aria-label="规则明细"
            rowKey={(r) => `${r.group}-${r.rule}-${r.label}`}
            size="small"
            pagination={false}
            dataSource={view.data.rules}
            columns={[
              { title: '类别', dataIndex: 'group', width: 110 },
              { title: '规则', dataIndex: 'rule', width: 110 },
              { title: '项目', dataIndex: 'label', width: 190 },
              { title: '标准', dataIndex: 'value', width: 220 },
              { title: '依据', dataIndex: 'citation', render: (v: string) => <span className="uls-citation">{v}</span> },
            ]}
          />
        </>
      )}
      {editing && view.data && presetId !== null && (
        <NewVersionModal
          presetId={presetId}
          basedOn={view.data.version}
          base={view.data.editable}
          onClose={() => setEditing(false)}
          onDone={(v) => {
            setEditing(false);
            list.reload();
            setVersion(v);
          }}
        />
      )}
      <Divider />
      <UnitSettings />
      <Divider />
      <HardshipAccess />
    </div>
  );
}

interface Draft {
  festivalCap: string;
  benefits: Record<RuleBenefitKey, { perOccasion: string; withSurgery: string; perYear: string }>;
  prizeNum: string;
  prizeDen: string;
  outingMeal: string;
  cashThreshold: string;
  majorThreshold: string;
  severity: Record<RuleSeverityKey, 'block' | 'warn'>;
}

function draftOf(e: EditableRules): Draft {
  return {
    festivalCap: yuanText(e.festivalCapFen),
    benefits: Object.fromEntries(
      RULE_BENEFIT_KEYS.map((k) => [k, { perOccasion: yuanText(e.benefits[k].perOccasionFen), withSurgery: yuanText(e.benefits[k].withSurgeryFen), perYear: yuanText(e.benefits[k].perYearFen) }]),
    ) as Draft['benefits'],
    prizeNum: String(e.prizeShare.num),
    prizeDen: String(e.prizeShare.den),
    outingMeal: yuanText(e.outingMealCapFen),
    cashThreshold: yuanText(e.cashThresholdFen),
    majorThreshold: yuanText(e.majorExpenseThresholdFen),
    severity: { ...e.severity },
  };
}

/** 元 text → 分; empty → null (不设). Throws with the field's name. */
function fenOrNull(text: string, what: string): number | null {
  return text.trim() === '' ? null : parseYuan(text, what);
}

function rulesOf(d: Draft): EditableRules {
  const int = (t: string, what: string) => {
    const n = Number(t.trim());
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what}应为正整数`);
    return n;
  };
  const cash = fenOrNull(d.cashThreshold, '现金结算起点');
  if (cash === null) throw new Error('请填写现金结算起点');
  return {
    festivalCapFen: fenOrNull(d.festivalCap, '节日慰问每人每年上限'),
    benefits: Object.fromEntries(
      RULE_BENEFIT_KEYS.map((k) => {
        const l = RULE_BENEFIT_LABELS[k];
        const b = d.benefits[k];
        return [k, { perOccasionFen: fenOrNull(b.perOccasion, `${l}每次标准`), withSurgeryFen: fenOrNull(b.withSurgery, `${l}手术标准`), perYearFen: fenOrNull(b.perYear, `${l}每年上限`) }];
      }),
    ) as EditableRules['benefits'],
    prizeShare: { num: int(d.prizeNum, '获奖比例分子'), den: int(d.prizeDen, '获奖比例分母') },
    outingMealCapFen: fenOrNull(d.outingMeal, '春秋游餐费标准'),
    cashThresholdFen: cash,
    majorExpenseThresholdFen: fenOrNull(d.majorThreshold, '重大支出集体研究标准'),
    severity: d.severity,
  };
}

function NewVersionModal({ presetId, basedOn, base, onClose, onDone }: { presetId: string; basedOn: number; base: EditableRules; onClose: () => void; onDone: (version: number) => void }) {
  const { message } = App.useApp();
  const [d, setD] = useState<Draft>(() => draftOf(base));
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setBenefit = (k: RuleBenefitKey, f: 'perOccasion' | 'withSurgery' | 'perYear', v: string) => setD((x) => ({ ...x, benefits: { ...x.benefits, [k]: { ...x.benefits[k], [f]: v } } }));
  const save = async () => {
    setError(null);
    let rules: EditableRules;
    try {
      rules = rulesOf(d);
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    setBusy(true);
    try {
      const v = await call('spending.rules.createVersion', { presetId, basedOn, effectiveFrom: effectiveFrom.trim(), reason: reason.trim(), rules });
      message.success(`已新建 ${v.ruleSetVersion}，自 ${v.effectiveFrom} 起施行`);
      onDone(v.version);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const money = (label: string, value: string, onChange: (v: string) => void, placeholder = '空 = 不设') => (
    <label className="uls-field">
      <span>{label}</span>
      <Input aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} style={{ width: 130 }} className="ulm-num" />
    </label>
  );
  return (
    <Modal open width={900} title={`新建 ${presetId} 版本（以 v${basedOn} 为基础）`} okText="保存为新版本" cancelText="取消" onOk={() => void save()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <div className="uls-grid">
        <label className="uls-field">
          <span>施行日期</span>
          <Input aria-label="施行日期" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} placeholder="YYYY-MM-DD" style={{ width: 130 }} />
        </label>
        <label className="uls-field" style={{ flex: 1 }}>
          <span>修订理由（文件名称、文号）</span>
          <Input aria-label="修订理由" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      </div>
      <Divider titlePlacement="start">金额标准（元）</Divider>
      <div className="uls-grid">
        {money('节日慰问每人每年上限', d.festivalCap, (v) => setD((x) => ({ ...x, festivalCap: v })))}
        {money('春秋游餐费每人每天', d.outingMeal, (v) => setD((x) => ({ ...x, outingMeal: v })))}
        {money('现金结算起点', d.cashThreshold, (v) => setD((x) => ({ ...x, cashThreshold: v })), '如 1000')}
        {money('重大支出集体研究标准', d.majorThreshold, (v) => setD((x) => ({ ...x, majorThreshold: v })), '空 = 未设定')}
        <label className="uls-field">
          <span>获奖比例上限</span>
          <Space.Compact>
            <Input aria-label="获奖比例分子" value={d.prizeNum} onChange={(e) => setD((x) => ({ ...x, prizeNum: e.target.value }))} style={{ width: 50 }} />
            <Input aria-label="获奖比例分母" value={d.prizeDen} onChange={(e) => setD((x) => ({ ...x, prizeDen: e.target.value }))} style={{ width: 50 }} />
          </Space.Compact>
        </label>
      </div>
      <table className="uls-table" style={{ marginTop: 8 }}>
        <thead>
          <tr>
            <th>慰问项目</th>
            <th>每次标准</th>
            <th>手术标准</th>
            <th>每人每年上限</th>
          </tr>
        </thead>
        <tbody>
          {RULE_BENEFIT_KEYS.map((k) => (
            <tr key={k}>
              <td>{RULE_BENEFIT_LABELS[k]}</td>
              {(['perOccasion', 'withSurgery', 'perYear'] as const).map((f) => (
                <td key={f}>
                  <Input
                    size="small"
                    aria-label={`${RULE_BENEFIT_LABELS[k]}${f === 'perOccasion' ? '每次标准' : f === 'withSurgery' ? '手术标准' : '每年上限'}`}
                    value={d.benefits[k][f]}
                    onChange={(e) => setBenefit(k, f, e.target.value)}
                    placeholder="不设"
                    style={{ width: 110 }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Divider titlePlacement="start">严重程度</Divider>
      <div className="uls-grid">
        {RULE_SEVERITY_KEYS.map((k) => (
          <label key={k} className="uls-field">
            <span>{RULE_SEVERITY_LABELS[k]}</span>
            <Select<'block' | 'warn'>
              aria-label={RULE_SEVERITY_LABELS[k]}
              value={d.severity[k]}
              onChange={(v) => setD((x) => ({ ...x, severity: { ...x.severity, [k]: v } }))}
              options={[
                { value: 'block', label: '禁止' },
                { value: 'warn', label: '提示（主席说明理由）' },
              ]}
              style={{ width: 190 }}
            />
          </label>
        ))}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

/** 困难职工档案授权: besides the chair, the users the administrator names. */
function HardshipAccess() {
  const { message } = App.useApp();
  const users = useLoad(() => call('users.list', {}), []);
  const access = useLoad(() => call('hardship.access.get', {}), []);
  const [ids, setIds] = useState<number[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = ids ?? access.data?.users.map((u) => u.userId) ?? [];
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('hardship.access.update', { userIds: current });
      setIds(r.users.map((u) => u.userId));
      message.success('困难职工档案授权已保存');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div aria-label="困难职工档案授权">
      <Typography.Title level={5}>困难职工档案授权</Typography.Title>
      <Typography.Paragraph type="secondary">困难职工档案含健康、家庭等敏感个人信息（个人信息保护法 第二十八条），除工会主席外，只有这里授权的用户可以查看和办理。</Typography.Paragraph>
      {(users.error ?? access.error) && <Alert type="error" showIcon title={users.error ?? access.error} />}
      <Space>
        <Select<number[]>
          aria-label="授权用户"
          mode="multiple"
          value={current}
          onChange={setIds}
          style={{ minWidth: 360 }}
          placeholder="选择用户"
          options={(users.data ?? []).filter((u) => !u.roles.includes('chair') && u.active).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
        />
        <Button type="primary" loading={busy} onClick={() => void save()}>
          保存授权
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </div>
  );
}

type Tri = 'preset' | 'block' | 'warn';

/** 单位设置: figures the unit enters, applied over whichever preset version is in force (empty = the version's value). */
function UnitSettings() {
  const { message } = App.useApp();
  const got = useLoad(() => call('spending.settings.get', {}), []);
  const [major, setMajor] = useState<string | null>(null);
  const [cash, setCash] = useState<string | null>(null);
  const [hardship, setHardship] = useState<'preset' | 'yes' | 'no' | null>(null);
  const [retiree, setRetiree] = useState<Tri | null>(null);
  const [budget, setBudget] = useState<Tri | null>(null);
  const [minority, setMinority] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = got.data;
  if (!s) return got.error ? <Alert type="error" showIcon title={got.error} /> : null;
  const v = {
    major: major ?? yuanText(s.majorExpenseThresholdFen),
    cash: cash ?? yuanText(s.cashThresholdFen),
    hardship: hardship ?? (s.hardshipCollectiveDecision === null ? 'preset' : s.hardshipCollectiveDecision ? 'yes' : 'no'),
    retiree: retiree ?? s.retireeWelfare ?? 'preset',
    budget: budget ?? s.budgetEnforcement ?? 'preset',
    minority: minority ?? (s.minorityFestivals ?? []).join('、'),
  };
  const save = async () => {
    setError(null);
    let input: SpendingSettings;
    try {
      const festivals = v.minority.split(/[、,，\s]+/).map((x) => x.trim()).filter((x) => x !== '');
      input = {
        majorExpenseThresholdFen: fenOrNull(v.major, '重大支出集体研究标准'),
        cashThresholdFen: fenOrNull(v.cash, '现金结算起点'),
        hardshipCollectiveDecision: v.hardship === 'preset' ? null : v.hardship === 'yes',
        retireeWelfare: v.retiree === 'preset' ? null : v.retiree,
        budgetEnforcement: v.budget === 'preset' ? null : v.budget,
        minorityFestivals: festivals.length > 0 ? festivals : null,
      };
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    setBusy(true);
    try {
      await call('spending.settings.update', input);
      message.success('单位支出设置已保存');
      got.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const tri = (label: string, value: Tri, onChange: (t: Tri) => void) => (
    <label className="uls-field">
      <span>{label}</span>
      <Select<Tri>
        aria-label={label}
        value={value}
        onChange={onChange}
        options={[
          { value: 'preset', label: '按预设版本' },
          { value: 'block', label: '禁止' },
          { value: 'warn', label: '提示（主席说明理由）' },
        ]}
        style={{ width: 190 }}
      />
    </label>
  );
  return (
    <div aria-label="单位支出设置">
      <Typography.Title level={5}>单位设置（优先于预设版本）</Typography.Title>
      <Typography.Paragraph type="secondary">
        重大支出集体研究标准没有全国统一数额（章程 第九条(五)），须由本单位确定；填 0 表示每笔支出都须集体研究。留空的项目按所适用的预设版本执行。
      </Typography.Paragraph>
      {s.majorExpenseThresholdFen === null && <Alert type="warning" showIcon title="尚未设定重大支出集体研究标准（CHK-APP-1）" style={{ marginBottom: 8 }} />}
      <div className="uls-grid">
        <label className="uls-field">
          <span>重大支出集体研究标准（元）</span>
          <Input aria-label="单位重大支出标准" value={v.major} onChange={(e) => setMajor(e.target.value)} placeholder="未设定" style={{ width: 150 }} className="ulm-num" />
        </label>
        <label className="uls-field">
          <span>现金结算起点（元）</span>
          <Input aria-label="单位现金结算起点" value={v.cash} onChange={(e) => setCash(e.target.value)} placeholder="按预设（1000）" style={{ width: 150 }} className="ulm-num" />
        </label>
        <label className="uls-field">
          <span>困难帮扶须集体研究</span>
          <Select<'preset' | 'yes' | 'no'>
            aria-label="困难帮扶须集体研究"
            value={v.hardship}
            onChange={setHardship}
            options={[
              { value: 'preset', label: '按预设版本（是）' },
              { value: 'yes', label: '是' },
              { value: 'no', label: '否' },
            ]}
            style={{ width: 160 }}
          />
        </label>
        {tri('退休会员节日、生日福利（CHK-MEM-1）', v.retiree, setRetiree)}
        {tri('无预算或超预算（CHK-BUD-1）', v.budget, setBudget)}
        <label className="uls-field" style={{ flex: 1 }}>
          <span>少数民族节日（经自治区以上人民政府批准，用顿号分隔）</span>
          <Input aria-label="少数民族节日" value={v.minority} onChange={(e) => setMinority(e.target.value)} placeholder="无" />
        </label>
      </div>
      <Button type="primary" loading={busy} onClick={() => void save()} style={{ marginTop: 8 }}>
        保存单位设置
      </Button>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </div>
  );
}
