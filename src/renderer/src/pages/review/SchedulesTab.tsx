// 专项审查表: the prepared schedules of the year (review-and-disclosure.md §3), flagged rows
// highlighted, each row's voucher a link; print or export one schedule, or all of them (Excel: one
// sheet each). On the levy schedule the reviewer records the 工资总额 behind each levy receipt.
import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Segmented, Space, Spin, Table } from 'antd';
import type { ScheduleKey, ScheduleRow, ScheduleTable } from '@contract/review';
import { formatYuan, parseYuan } from '@contract/money';
import { call } from '../../api';
import { reportError } from '../../lib/errors';
import { useLoad } from '../../lib/useLoad';
import PrintExportButtons from '../../lib/PrintExportButtons';
import { Amount, BookHeading, VoucherLink, YearPicker } from '../books/common';

export default function SchedulesTab({ year, onYear, canWrite }: { year: number; onYear: (y: number) => void; canWrite: boolean }) {
  const { data, error, loading, reload } = useLoad(() => call('review.schedules', { year }), [year]);
  const [key, setKey] = useState<ScheduleKey>('compliance');
  const [base, setBase] = useState<{ voucherId: number; label: string; value: string } | null>(null);
  const t = data?.tables.find((x) => x.key === key) ?? null;
  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>审查年度</span>
          <YearPicker label="审查年度" value={year} onChange={onYear} />
        </Space>
        <Space wrap>
          <span role="group" aria-label="本表">
            <span className="ulr-muted">本表：</span>
            <PrintExportButtons disabled={!t} file={(format) => call('review.schedules.export', { year, format, key })} />
          </span>
          <span role="group" aria-label="全部审查表">
            <span className="ulr-muted">全部审查表：</span>
            <PrintExportButtons disabled={!data} file={(format) => call('review.schedules.export', { year, format })} />
          </span>
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {data && (
          <>
            <Segmented<ScheduleKey>
              aria-label="审查表"
              value={key}
              onChange={setKey}
              options={data.tables.map((x) => ({ value: x.key, label: `${x.title.replace(/情况表$|表$/, '')}${x.rows.some((r) => r.flagged) ? ` (${x.rows.filter((r) => r.flagged).length})` : ''}` }))}
              style={{ marginBottom: 12, flexWrap: 'wrap' }}
            />
            {t && (
              <>
                <BookHeading title={t.title} unionName={data.unionName} periodLabel={`${data.year}年度`} />
                <ScheduleGrid t={t} onBase={canWrite && t.key === 'levy' ? (voucherId, label, current) => setBase({ voucherId, label, value: current === null ? '' : formatYuan(current, { thousands: false }) }) : undefined} />
                <ul className="ulr-notes">
                  {t.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Spin>
      {base && <LevyBaseDialog target={base} onClose={() => setBase(null)} onSaved={reload} />}
    </div>
  );
}

function ScheduleGrid({ t, onBase }: { t: ScheduleTable; onBase: ((voucherId: number, label: string, current: number | null) => void) | undefined }) {
  const columns = t.columns.map((c, i) => ({
    key: String(i),
    title: c.header,
    // The printed layout's relative widths, in pixels; the table scrolls sideways when the window is narrow.
    width: Math.max(72, Math.round((c.width ?? 1) * 90)),
    align: c.kind === 'text' ? ('left' as const) : ('right' as const),
    render: (_: unknown, r: ScheduleRow) => {
      const v = r.cells[i] ?? null;
      if (c.header === '凭证号' && r.voucherId && typeof v === 'string') return <VoucherLink id={r.voucherId} no={v} />;
      if (c.kind === 'money') return typeof v === 'number' ? <Amount value={v} zero="0.00" /> : v;
      return v;
    },
  }));
  if (onBase) {
    columns.push({
      key: 'base',
      title: '',
      width: 130,
      align: 'left',
      render: (_: unknown, r: ScheduleRow) =>
        r.voucherId && typeof r.cells[5] === 'number' ? (
          <Button size="small" onClick={() => onBase(r.voucherId!, `${String(r.cells[0])} ${String(r.cells[1])}`, typeof r.cells[3] === 'number' ? r.cells[3] : null)}>
            登记工资总额
          </Button>
        ) : null,
    });
  }
  return (
    <Table<ScheduleRow>
      size="small"
      bordered
      scroll={{ x: 'max-content' }}
      pagination={false}
      aria-label={t.title}
      rowKey={(_, i) => String(i)}
      rowClassName={(r) => `${r.flagged ? 'ulr-flagged' : ''}${r.bold ? ' ulr-bold' : ''}`}
      dataSource={t.rows}
      columns={columns}
      locale={{ emptyText: '没有需要列示的事项' }}
    />
  );
}

function LevyBaseDialog({ target, onClose, onSaved }: { target: { voucherId: number; label: string; value: string }; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [value, setValue] = useState(target.value);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    setProblem(null);
    let fen: number | null = null;
    try {
      fen = value.trim() === '' ? null : parseYuan(value, '工资总额');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return;
    }
    setBusy(true);
    try {
      await call('review.levyBases.save', { voucherId: target.voucherId, payrollBaseFen: fen, note });
      message.success(fen === null ? '已清除工资总额' : `已登记工资总额 ${formatYuan(fen)} 元`);
      onSaved();
      onClose();
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`登记工资总额：${target.label}`} onCancel={onClose} onOk={() => void save()} okText="保存" cancelText="取消" confirmLoading={busy}>
      <p className="ulr-muted">按行政方提供的工资汇总表填写该次拨缴对应期间的全部职工工资总额（含奖金、津贴和补贴，国家统计局令第1号），应拨缴数 = 工资总额 × 2%。留空保存则清除。</p>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label>
          工资总额（元）
          <Input aria-label="工资总额（元）" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label>
          来源说明
          <Input aria-label="来源说明" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder="如：行政方 2026年第一季度工资汇总表" />
        </label>
      </Space>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
