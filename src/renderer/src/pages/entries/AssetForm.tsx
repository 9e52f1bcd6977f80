// 购置固定资产 (accounts.md §6 T6, §8): one voucher with two entries — 借 162 / 贷 30104 and
// 借 507xx / 贷 102 — and an asset card. The core refuses an item under the capitalisation
// threshold (1000 元 general, 1500 元 special, 第三十二条) with its message on 原值; a life
// shorter than 附录2's minimum is a CHK-AST-1 warning, previewed here and returned by the core.
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ASSET_CATEGORIES, ASSET_CATEGORY_IDS, type AssetCategory, type AssetPurchaseResult } from '@contract/entries';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import type { PickAccount } from '../vouchers/model';
import { AccountControl, fenOf, FormError, showCoreError, YuanItem } from './common';

interface Values {
  date: Dayjs;
  name: string;
  category: AssetCategory;
  cost: string;
  lifeYears: number | null;
  special: boolean;
  expenseAccountCode: string;
  bankAccountCode: string;
  custodian: string;
  location?: string;
  fundNature: 'general' | 'special';
  project?: string;
  expenseType: 'basic' | 'project';
  attachments: string;
}

const FIELDS: Record<string, string> = {
  date: 'date',
  name: 'name',
  category: 'category',
  costFen: 'cost',
  lifeYears: 'lifeYears',
  special: 'special',
  expenseAccountCode: 'expenseAccountCode',
  bankAccountCode: 'bankAccountCode',
  assetAccountCode: 'expenseAccountCode',
  custodian: 'custodian',
  location: 'location',
  fundNature: 'fundNature',
  project: 'project',
  expenseType: 'expenseType',
  attachments: 'attachments',
};

/** The 507 detail a category is usually bought under (附录1 507 资本性支出). */
function expenseFor(category: AssetCategory, special: boolean): string {
  if (special) return '50703';
  if (category === 'vehicle') return '50704';
  if (category === 'building_masonry' || category === 'building_concrete') return '50701';
  return '50702';
}

const CATEGORY_OPTIONS = ASSET_CATEGORY_IDS.map((id) => {
  const c = ASSET_CATEGORIES[id];
  return { value: id, label: c.minYears === null ? c.label : `${c.label}（不低于 ${c.minYears} 年）` };
});

export default function AssetForm({
  banks,
  expenses,
  defaultDate,
  thresholds,
  onDone,
  onCancel,
}: {
  banks: PickAccount[];
  expenses: PickAccount[];
  defaultDate: string;
  /** Known only to users who may read the settings. */
  thresholds: { generalFen: number; specialFen: number } | null;
  onDone: (r: AssetPurchaseResult) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const category = Form.useWatch('category', form);
  const lifeYears = Form.useWatch('lifeYears', form);
  const special = Form.useWatch('special', form);
  const fundNature = Form.useWatch('fundNature', form);
  const cost = fenOf(Form.useWatch('cost', form));

  const pickExpense = (c: AssetCategory, s: boolean) => {
    const code = expenseFor(c, s);
    if (expenses.some((a) => a.code === code)) form.setFieldValue('expenseAccountCode', code);
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('entries.assetPurchase', {
        date: v.date.format('YYYY-MM-DD'),
        name: v.name,
        category: v.category,
        costFen: fenOf(v.cost)!,
        lifeYears: v.lifeYears ?? 0,
        special: v.special,
        expenseAccountCode: v.expenseAccountCode,
        bankAccountCode: v.bankAccountCode,
        custodian: v.custodian,
        ...(v.location?.trim() ? { location: v.location.trim() } : {}),
        fundNature: v.fundNature,
        ...(v.fundNature === 'special' && v.project?.trim() ? { project: v.project.trim() } : {}),
        expenseType: v.expenseType,
        attachments: Number(v.attachments || '0'),
      });
      onDone(r);
    } catch (err) {
      if (!showCoreError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const min = category ? ASSET_CATEGORIES[category].minYears : null;
  const short = min !== null && typeof lifeYears === 'number' && lifeYears < min;
  const threshold = thresholds ? (special ? thresholds.specialFen : thresholds.generalFen) : null;
  const under = threshold !== null && cost !== null && cost > 0 && cost < threshold;
  const initialCategory: AssetCategory = 'office';
  return (
    <Form<Values>
      form={form}
      layout="horizontal"
      labelCol={{ span: 6 }}
      name="entry-asset"
      initialValues={{
        date: dayjs(defaultDate),
        category: initialCategory,
        lifeYears: ASSET_CATEGORIES[initialCategory].minYears,
        special: false,
        expenseAccountCode: expenses.some((a) => a.code === '50702') ? '50702' : '',
        bankAccountCode: banks.length === 1 ? banks[0]!.code : '',
        fundNature: 'general',
        expenseType: 'basic',
        attachments: '1',
      }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item name="date" label="购置日期" rules={[{ required: true, message: '请选择购置日期' }]}>
        <DatePicker format="YYYY-MM-DD" allowClear={false} aria-label="购置日期" />
      </Form.Item>
      <Form.Item name="name" label="资产名称" rules={[{ required: true, whitespace: true, message: '请输入资产名称' }]}>
        <Input aria-label="资产名称" style={{ width: 260 }} maxLength={60} autoFocus />
      </Form.Item>
      <Form.Item name="category" label="资产类别" rules={[{ required: true, message: '请选择资产类别' }]} extra="括号内为《工会会计制度》附录2 规定的最低折旧年限。">
        <Select<AssetCategory>
          aria-label="资产类别"
          style={{ width: 320 }}
          options={CATEGORY_OPTIONS}
          onChange={(c) => {
            const m = ASSET_CATEGORIES[c].minYears;
            if (m !== null) form.setFieldValue('lifeYears', m);
            pickExpense(c, form.getFieldValue('special') === true);
          }}
        />
      </Form.Item>
      <YuanItem
        name="cost"
        label="原值"
        extra={threshold !== null ? `${special ? '专用设备' : '一般设备'}的固定资产起点为 ${formatYuan(threshold)} 元（财会〔2021〕7号 第三十二条）。` : '低于固定资产起点（一般设备 1000 元、专用设备 1500 元，以系统设置为准）的不作为固定资产。'}
      />
      {under && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`原值低于固定资产起点 ${formatYuan(threshold)} 元：不作为固定资产入账，应直接列入支出或作为库存物品。`} />}
      <Form.Item name="special" label="专用设备" valuePropName="checked">
        <Switch aria-label="专用设备" checkedChildren="是" unCheckedChildren="否" onChange={(s) => pickExpense(form.getFieldValue('category') as AssetCategory, s)} />
      </Form.Item>
      <Form.Item name="lifeYears" label="折旧年限（年）" rules={[{ required: true, message: '请输入折旧年限' }]}>
        <InputNumber aria-label="折旧年限" min={1} max={100} precision={0} style={{ width: 120 }} />
      </Form.Item>
      {short && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`CHK-AST-1：${ASSET_CATEGORIES[category!].label}的折旧年限不低于 ${min} 年，${lifeYears} 年偏短，请核实。`}
          description="依据：《工会会计制度》附录2 固定资产折旧年限"
        />
      )}
      <Form.Item name="expenseAccountCode" label="资本性支出科目" rules={[{ required: true, message: '请选择资本性支出科目（507）' }]}>
        <AccountControl accounts={expenses} label="资本性支出科目" />
      </Form.Item>
      <Form.Item name="bankAccountCode" label="银行存款科目" rules={[{ required: true, message: '请选择银行存款科目' }]}>
        <AccountControl accounts={banks} label="银行存款科目" />
      </Form.Item>
      <Form.Item name="custodian" label="保管人" rules={[{ required: true, whitespace: true, message: '请填写保管人' }]}>
        <Input aria-label="保管人" style={{ width: 200 }} maxLength={40} />
      </Form.Item>
      <Form.Item name="location" label="存放地点">
        <Input aria-label="存放地点" style={{ width: 260 }} maxLength={60} />
      </Form.Item>
      <Form.Item name="fundNature" label="资金性质">
        <Radio.Group
          aria-label="资金性质"
          options={[
            { value: 'general', label: '非专项' },
            { value: 'special', label: '专项' },
          ]}
        />
      </Form.Item>
      {fundNature === 'special' && (
        <Form.Item name="project" label="项目" rules={[{ required: true, whitespace: true, message: '专项资金购置须注明项目' }]}>
          <Input aria-label="项目" style={{ width: 260 }} maxLength={60} />
        </Form.Item>
      )}
      <Form.Item name="expenseType" label="支出类型">
        <Radio.Group
          aria-label="支出类型"
          options={[
            { value: 'basic', label: '基本支出' },
            { value: 'project', label: '项目支出' },
          ]}
        />
      </Form.Item>
      <Form.Item name="attachments" label="附件张数" rules={[{ pattern: /^\d{1,4}$/, message: '附件张数应为整数' }]}>
        <Input aria-label="附件张数" style={{ width: 80 }} inputMode="numeric" />
      </Form.Item>
      <FormError text={error} />
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          生成凭证和卡片
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
