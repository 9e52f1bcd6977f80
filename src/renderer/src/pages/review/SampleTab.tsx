// 抽样: a reproducible, amount-stratified random sample of the year's posted vouchers. The seed is
// shown and may be typed (the same seed draws the same vouchers); every voucher at or over the
// 必抽金额 is always in the sample. Each draw is kept; the list opens a voucher read-only.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DEFAULT_STRATA, DEFAULT_THRESHOLD_FEN, MAX_SEED, type SampleItem, type SampleStratum, type SampleView } from '@contract/review';
import { formatYuan, parseYuan } from '@contract/money';
import { call } from '../../api';
import { reportError } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { Amount, VoucherLink, YearPicker } from '../books/common';
import PrintExportButtons from '../../lib/PrintExportButtons';

interface StratumRow {
  key: number;
  min: string;
  max: string;
  size: number | null;
}

let nextKey = 1;
const yuan = (f: number) => formatYuan(f, { thousands: false });
const defaultRows = (): StratumRow[] => DEFAULT_STRATA.map((s) => ({ key: nextKey++, min: yuan(s.minFen), max: s.maxFen === null ? '' : yuan(s.maxFen), size: s.size }));

export default function SampleTab({ year, onYear, canWrite }: { year: number; onYear: (y: number) => void; canWrite: boolean }) {
  const { message } = App.useApp();
  const [seed, setSeed] = useState<number | null>(null);
  const [threshold, setThreshold] = useState(yuan(DEFAULT_THRESHOLD_FEN));
  const [rows, setRows] = useState<StratumRow[]>(defaultRows);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const list = useLoad(() => call('review.samples.list', { year }), [year]);
  const sample = useLoad(selected === null ? null : () => call('review.samples.get', { id: selected }), [selected]);

  useEffect(() => {
    setSelected(null);
  }, [year]);
  const samples = (list.data ?? []).filter((s) => s.year === year);
  const newest = samples[0]?.id ?? null;
  useEffect(() => {
    // The newest draw of the year is shown on arrival (a fresh draw selects itself).
    if (selected === null && newest !== null) setSelected(newest);
  }, [newest, selected]);

  const set = (key: number, patch: Partial<StratumRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const draw = async () => {
    setProblem(null);
    let thresholdFen: number;
    let strata: { minFen: number; maxFen: number | null; size: number }[];
    try {
      thresholdFen = parseYuan(threshold, '必抽金额');
      strata = rows.map((r, i) => ({
        minFen: parseYuan(r.min || '0', `第 ${i + 1} 层下限`),
        maxFen: r.max.trim() === '' ? null : parseYuan(r.max, `第 ${i + 1} 层上限`),
        size: r.size ?? 0,
      }));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return;
    }
    setBusy(true);
    try {
      const s = await call('review.samples.draw', { year, thresholdFen, strata, ...(seed === null ? {} : { seed }) });
      setSeed(s.seed);
      message.success(`已抽取 ${s.items.length} 张凭证（随机种子 ${s.seed}）`);
      list.reload();
      setSelected(s.id);
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };

  const view: SampleView | null = sample.data;
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>审查年度</span>
          <YearPicker label="审查年度" value={year} onChange={onYear} />
          <span>抽样记录</span>
          <Select<number>
            aria-label="抽样记录"
            style={{ width: 320 }}
            placeholder="本年度尚未抽样"
            value={selected ?? undefined}
            onChange={setSelected}
            options={samples.map((s) => ({ value: s.id, label: `第 ${s.id} 次抽样 · 种子 ${s.seed} · ${s.itemCount} 张 · ${s.createdBy} ${localTime(s.createdAt)}` }))}
          />
        </Space>
      </div>

      {canWrite && (
        <section className="ulr-section" aria-label="抽样设置">
          <h3>抽样设置</h3>
          <Space wrap align="start">
            <label>
              随机种子{' '}
              <InputNumber<number>
                aria-label="随机种子"
                min={0}
                max={MAX_SEED}
                precision={0}
                placeholder="留空则随机生成"
                value={seed}
                onChange={(v) => setSeed(v)}
                style={{ width: 180 }}
              />
            </label>
            <label>
              必抽金额（元，达到或超过的凭证全部抽取）{' '}
              <Input aria-label="必抽金额" value={threshold} onChange={(e) => setThreshold(e.target.value)} style={{ width: 140 }} />
            </label>
          </Space>
          <table className="ulr-strata">
            <thead>
              <tr>
                <th>分层</th>
                <th>金额下限（元）</th>
                <th>金额上限（元，空为至必抽金额）</th>
                <th>抽取张数</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <td>第 {i + 1} 层</td>
                  <td>
                    <Input aria-label={`第${i + 1}层下限`} value={r.min} onChange={(e) => set(r.key, { min: e.target.value })} style={{ width: 130 }} />
                  </td>
                  <td>
                    <Input aria-label={`第${i + 1}层上限`} value={r.max} onChange={(e) => set(r.key, { max: e.target.value })} style={{ width: 130 }} />
                  </td>
                  <td>
                    <InputNumber<number> aria-label={`第${i + 1}层抽取张数`} min={0} max={500} precision={0} value={r.size} onChange={(v) => set(r.key, { size: v })} style={{ width: 90 }} />
                  </td>
                  <td>
                    <Button aria-label={`删除第${i + 1}层`} icon={<DeleteOutlined />} disabled={rows.length <= 1} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Space style={{ marginTop: 8 }}>
            <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { key: nextKey++, min: rs.at(-1)?.max ?? '0', max: '', size: 5 }])}>
              增加分层
            </Button>
            <Button onClick={() => setRows(defaultRows())}>恢复默认分层</Button>
            <Button type="primary" loading={busy} onClick={() => void draw()}>
              抽样
            </Button>
          </Space>
          {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} />}
        </section>
      )}

      {list.error && <Alert type="info" showIcon title={list.error} />}
      {sample.error && <Alert type="error" showIcon title={sample.error} />}
      {view && <SampleDetail view={view} onSeed={canWrite ? () => setSeed(view.seed) : undefined} />}
    </div>
  );
}

function SampleDetail({ view, onSeed }: { view: SampleView; onSeed: (() => void) | undefined }) {
  return (
    <section className="ulr-section" aria-label="抽样结果">
      <h3>
        第 {view.id} 次抽样 <Tag color="blue">随机种子 {view.seed}</Tag>
        {onSeed && (
          <Button size="small" onClick={onSeed}>
            用此种子重抽
          </Button>
        )}
      </h3>
      <div role="group" aria-label="抽样清单" style={{ marginBottom: 8 }}>
        <span className="ulr-muted">抽样清单（带“审查意见”空栏）：</span>
        <PrintExportButtons file={(format) => call('review.samples.export', { id: view.id, format })} />
      </div>
      {view.populationChanged && <Alert type="warning" showIcon title="抽样后本年度又有凭证记账，总体已变化：用同一种子重抽的结果可能不同。" style={{ marginBottom: 8 }} />}
      <Descriptions size="small" bordered column={3}>
        <Descriptions.Item label="总体">
          {view.populationCount} 张，{formatYuan(view.populationFen)} 元
        </Descriptions.Item>
        <Descriptions.Item label="必抽金额">{formatYuan(view.thresholdFen)} 元及以上</Descriptions.Item>
        <Descriptions.Item label="必抽凭证">
          {view.overThreshold.count} 张，{formatYuan(view.overThreshold.amountFen)} 元
        </Descriptions.Item>
        <Descriptions.Item label="样本">{view.items.length} 张</Descriptions.Item>
        <Descriptions.Item label="抽样人">{view.createdBy}</Descriptions.Item>
        <Descriptions.Item label="抽样时间">{localTime(view.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Table<SampleStratum>
        size="small"
        style={{ marginTop: 8 }}
        rowKey="label"
        pagination={false}
        dataSource={view.strata}
        columns={[
          { title: '分层', dataIndex: 'label' },
          { title: '总体张数', dataIndex: 'populationCount', align: 'right' },
          { title: '总体金额', dataIndex: 'populationFen', align: 'right', render: (v: number) => <Amount value={v} zero="0.00" /> },
          { title: '抽取张数', dataIndex: 'drawn', align: 'right' },
          { title: '抽取金额', dataIndex: 'drawnFen', align: 'right', render: (v: number) => <Amount value={v} zero="0.00" /> },
        ]}
      />
      <Table<SampleItem>
        size="small"
        style={{ marginTop: 8 }}
        rowKey="voucherId"
        aria-label="样本凭证"
        pagination={false}
        dataSource={view.items}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '凭证号', dataIndex: 'voucherNo', width: 90, render: (no: string, r) => <VoucherLink id={r.voucherId} no={no} /> },
          { title: '摘要', dataIndex: 'summary' },
          { title: '金额', dataIndex: 'amountFen', align: 'right', width: 140, render: (v: number) => <Amount value={v} zero="0.00" /> },
          { title: '附件', dataIndex: 'attachments', align: 'right', width: 60 },
          { title: '分层', dataIndex: 'stratumLabel', width: 220, render: (t: string, r) => (r.stratum === -1 ? <Tag color="red">{t}</Tag> : t) },
        ]}
      />
    </section>
  );
}
