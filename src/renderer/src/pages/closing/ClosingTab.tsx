// 结账: the twelve months of a year with their status, voucher counts and closing voucher;
// 结账 (accountant, supervisor), 反结账 with a reason (supervisor), 年末结账 (supervisor) and
// 年初余额核对. The core enforces every rule; a refusal is shown with the rule it cites.
import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleTwoTone, LockOutlined, ReloadOutlined, UnlockOutlined, WarningTwoTone } from '@ant-design/icons';
import type { CloseCheck, CloseResult, OpeningCheckResult, PeriodStatus, SkippedCheck, YearCloseResult } from '@contract/closing';
import { formatYuan } from '@contract/money';
import { ApiError, call } from '../../api';
import { errorMessage, isUnauthenticated } from '../../lib/errors';
import { localTime } from '../../lib/format';
import { useSession } from '../../layout/SessionContext';
import { YearPicker, useLoad } from '../books/common';

interface Refusal {
  title: string;
  message: string;
  rule?: string;
}

function refusal(title: string, err: unknown): Refusal {
  if (err instanceof ApiError) return { title, message: err.message, ...(err.data.rule ? { rule: err.data.rule } : {}) };
  return { title, message: errorMessage(err) };
}

function CheckList({ checks, skipped }: { checks: CloseCheck[]; skipped: SkippedCheck[] }) {
  return (
    <>
      <Typography.Title level={5}>已通过的检查</Typography.Title>
      <ul className="ulb-checks" aria-label="已通过的检查">
        {checks.map((c, i) => (
          <li key={i}>
            <CheckCircleTwoTone twoToneColor="#52c41a" /> <Tag>{c.rule}</Tag>
            <b>{c.step}</b>：{c.detail}
          </li>
        ))}
      </ul>
      {skipped.length > 0 && (
        <>
          <Typography.Title level={5}>未执行的检查</Typography.Title>
          <ul className="ulb-checks" aria-label="未执行的检查">
            {skipped.map((c, i) => (
              <li key={i}>
                <WarningTwoTone twoToneColor="#faad14" /> <Tag color="gold">{c.rule}</Tag>
                <b>{c.step}</b>：{c.reason}
                <Typography.Text type="secondary" className="ulb-cite">
                  （{c.citation}）
                </Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function CloseResultView({ r }: { r: CloseResult }) {
  return (
    <div>
      <Alert
        type="success"
        showIcon
        title={`${r.period} 已结账`}
        description={
          <>
            结账人：{r.closedBy}，时间：{localTime(r.closedAt)}。
            {r.closingVoucher ? (
              <>
                结转凭证：
                <a href={`#/vouchers/${r.closingVoucher.id}`}>
                  {r.closingVoucher.word}-{r.closingVoucher.number}
                </a>
                （{formatYuan(r.closingVoucher.totalDebit)} 元）
              </>
            ) : (
              '本月没有收入、支出余额，未生成结转凭证。'
            )}
          </>
        }
        style={{ marginBottom: 12 }}
      />
      <CheckList checks={r.checks} skipped={r.skippedChecks} />
    </div>
  );
}

export default function ClosingTab({ initialYear }: { initialYear: number }) {
  const { user } = useSession();
  const { modal, message } = App.useApp();
  const canClose = user.roles.includes('accountant') || user.roles.includes('supervisor');
  const isSupervisor = user.roles.includes('supervisor');
  const [year, setYear] = useState(initialYear);
  const { data, error, loading, reload } = useLoad(() => call('periods.list', { year }), [year]);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Refusal | null>(null);
  const [reopen, setReopen] = useState<{ period: string; reason: string; error: string | null } | null>(null);
  const [opening, setOpening] = useState<OpeningCheckResult | null>(null);

  const fail = (title: string, err: unknown) => {
    if (isUnauthenticated(err)) return;
    setFailure(refusal(title, err));
  };

  const close = async (period: string) => {
    setBusy(period);
    setFailure(null);
    try {
      const r = await call('periods.close', { period });
      modal.success({ title: '月末结账完成', width: 680, content: <CloseResultView r={r} />, okText: '知道了' });
      reload();
    } catch (err) {
      fail(`${period} 不能结账`, err);
    } finally {
      setBusy(null);
    }
  };

  const doReopen = async () => {
    if (!reopen) return;
    if (reopen.reason.trim().length < 4) {
      setReopen({ ...reopen, error: '反结账原因至少 4 个字' });
      return;
    }
    setBusy(reopen.period);
    try {
      const r = await call('periods.reopen', { period: reopen.period, reason: reopen.reason.trim() });
      message.success(`${r.period} 已反结账${r.yearReopened ? '，年度结账同时撤销' : ''}`);
      setReopen(null);
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.field === 'reason') setReopen({ ...reopen, error: err.message });
      else {
        setReopen(null);
        fail(`${reopen.period} 不能反结账`, err);
      }
    } finally {
      setBusy(null);
    }
  };

  const closeYear = () => {
    modal.confirm({
      title: `${year} 年度年末结账`,
      content: '将结账 12 月（如尚未结账），生成年末结转凭证，并把各项结转、结余转入累计结转、累计结余。结账后如需更改须由会计主管反结账。',
      okText: '年末结账',
      cancelText: '取消',
      onOk: async () => {
        setFailure(null);
        try {
          const r: YearCloseResult = await call('years.close', { year });
          modal.success({
            title: `${r.year} 年度已年末结账`,
            width: 720,
            okText: '知道了',
            content: (
              <div>
                {r.yearEndVoucher && (
                  <p>
                    年末结转凭证：
                    <a href={`#/vouchers/${r.yearEndVoucher.id}`}>
                      {r.yearEndVoucher.word}-{r.yearEndVoucher.number}
                    </a>
                  </p>
                )}
                {r.carriedForward.length > 0 && (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey={(f) => `${f.accountCode}-${f.fundNature ?? ''}-${f.project ?? ''}`}
                    dataSource={r.carriedForward}
                    columns={[
                      { title: '科目', key: 'a', render: (_: unknown, f) => `${f.accountCode} ${f.accountName}` },
                      { title: '资金性质', dataIndex: 'fundNature', render: (n: string | null) => (n === 'special' ? '专项' : n === 'general' ? '非专项' : '') },
                      { title: '项目', dataIndex: 'project' },
                      { title: '余额', dataIndex: 'balance', align: 'right', render: (n: number) => formatYuan(n) },
                    ]}
                  />
                )}
                <CheckList checks={[...r.december.checks, ...r.checks]} skipped={[...r.december.skippedChecks, ...r.skippedChecks]} />
              </div>
            ),
          });
          reload();
        } catch (err) {
          fail(`${year} 年度不能年末结账`, err);
        }
      },
    });
  };

  const checkOpening = async () => {
    setFailure(null);
    try {
      setOpening(await call('years.openingCheck', { year }));
    } catch (err) {
      fail(`${year} 年初余额核对失败`, err);
    }
  };

  const months = data?.months ?? [];
  const firstOpen = months.find((m) => m.inLedger && m.status === 'open')?.period;
  const lastClosed = [...months].reverse().find((m) => m.status === 'closed')?.period;

  const columns: TableColumnsType<PeriodStatus> = [
    { title: '会计期间', dataIndex: 'period', width: 110, render: (p: string, m) => <b>{`${p.slice(0, 4)}年${m.month}月`}</b> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: PeriodStatus['status'], m) =>
        !m.inLedger ? (
          <Tag>未建账</Tag>
        ) : s === 'closed' ? (
          <Tag color="green" icon={<LockOutlined />}>
            已结账
          </Tag>
        ) : (
          <Tag color="blue">未结账</Tag>
        ),
    },
    { title: '草稿', dataIndex: 'drafts', width: 70, align: 'right', render: (n: number) => (n > 0 ? <span className="ulb-warn">{n}</span> : n) },
    { title: '已审核', dataIndex: 'reviewed', width: 80, align: 'right', render: (n: number) => (n > 0 ? <span className="ulb-warn">{n}</span> : n) },
    { title: '已记账', dataIndex: 'posted', width: 80, align: 'right' },
    {
      title: '结转凭证',
      dataIndex: 'closingVoucherId',
      width: 110,
      render: (id: number | null) => (id ? <a href={`#/vouchers/${id}`}>查看凭证</a> : ''),
    },
    { title: '结账人', dataIndex: 'closedBy', width: 110 },
    { title: '结账时间', dataIndex: 'closedAt', width: 170, render: (t: string | null) => localTime(t) },
    {
      title: '操作',
      key: 'act',
      render: (_: unknown, m) => (
        <Space>
          {canClose && m.period === firstOpen && (
            <Button size="small" type="primary" icon={<LockOutlined />} loading={busy === m.period} onClick={() => void close(m.period)} aria-label={`结账 ${m.period}`}>
              结账
            </Button>
          )}
          {isSupervisor && m.status === 'closed' && (
            <Button size="small" danger icon={<UnlockOutlined />} disabled={m.period !== lastClosed} onClick={() => setReopen({ period: m.period, reason: '', error: null })} aria-label={`反结账 ${m.period}`}>
              反结账
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <div className="ulb-toolbar">
        <Space wrap>
          <span>年度</span>
          <YearPicker label="结账年度" value={year} onChange={setYear} />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
          {data?.yearClosed && <Tag color="green">本年度已年末结账</Tag>}
          {data?.yearEndVoucherId && <a href={`#/vouchers/${data.yearEndVoucherId}`}>年末结转凭证</a>}
        </Space>
        <Space>
          {isSupervisor && (
            <Button danger={false} onClick={closeYear} disabled={!data || data.yearClosed}>
              年末结账
            </Button>
          )}
          <Button onClick={() => void checkOpening()}>年初余额核对</Button>
        </Space>
      </div>
      {failure && (
        <Alert
          className="ulb-refusal"
          type="error"
          showIcon
          closable={{ onClose: () => setFailure(null) }}
          title={failure.title}
          description={
            <>
              <div>{failure.message}</div>
              {failure.rule && <Typography.Text type="secondary">依据：{failure.rule}</Typography.Text>}
            </>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        <Table<PeriodStatus>
          className="ulb-table"
          size="small"
          bordered
          rowKey="period"
          columns={columns}
          dataSource={months}
          pagination={false}
          rowClassName={(m) => (m.status === 'closed' ? 'ulb-closed' : '')}
        />
      </Spin>
      <div className="ulb-keys">
        须按月份顺序逐月结账；结账前本月凭证须全部审核记账。{isSupervisor ? '反结账只能从最后一个已结账的月份开始，须填写原因并记入审计日志。' : '只有会计主管可以反结账和年末结账。'}
      </div>

      <Modal
        open={!!reopen}
        title={reopen ? `反结账 ${reopen.period}` : ''}
        okText="反结账"
        okButtonProps={{ danger: true, loading: busy === reopen?.period }}
        cancelText="取消"
        onOk={() => void doReopen()}
        onCancel={() => setReopen(null)}
        destroyOnHidden
      >
        <p>反结账后本月可重新修改凭证，须再次结账。请说明原因（记入审计日志）：</p>
        <Input.TextArea
          aria-label="反结账原因"
          autoFocus
          rows={3}
          maxLength={200}
          showCount
          value={reopen?.reason ?? ''}
          status={reopen?.error ? 'error' : undefined}
          onChange={(e) => reopen && setReopen({ ...reopen, reason: e.target.value, error: null })}
        />
        {reopen?.error && <div className="ulb-field-error">{reopen.error}</div>}
      </Modal>

      <Modal open={!!opening} title={opening ? `${opening.year} 年初余额核对` : ''} width={820} footer={<Button onClick={() => setOpening(null)}>关闭</Button>} onCancel={() => setOpening(null)}>
        {opening && (
          <>
            <Alert
              type={opening.ok ? 'success' : 'error'}
              showIcon
              title={opening.ok ? `年初余额与 ${opening.priorYear} 年末余额一致` : `有 ${opening.differences.length} 个科目的年初余额与上年末余额不一致`}
              description={opening.priorYearClosed ? undefined : `${opening.priorYear} 年度尚未年末结账。`}
              style={{ marginBottom: 12 }}
            />
            {opening.notes.map((n, i) => (
              <Typography.Paragraph key={i} type="secondary">
                {n}
              </Typography.Paragraph>
            ))}
            <Table
              size="small"
              bordered
              rowKey="accountCode"
              dataSource={opening.rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              rowClassName={(r) => (r.difference !== 0 ? 'ulb-diff-row' : '')}
              columns={[
                { title: '科目', key: 'a', render: (_: unknown, r) => `${r.accountCode} ${r.accountName}` },
                { title: '上年末余额', dataIndex: 'priorClosing', align: 'right', render: (n: number) => <span className="ulb-num">{formatYuan(n)}</span> },
                { title: '本年初余额', dataIndex: 'opening', align: 'right', render: (n: number) => <span className="ulb-num">{formatYuan(n)}</span> },
                { title: '差额', dataIndex: 'difference', align: 'right', render: (n: number) => (n === 0 ? '' : <span className="ulb-num ulb-red">{formatYuan(n)}</span>) },
              ]}
            />
          </>
        )}
      </Modal>
    </div>
  );
}
