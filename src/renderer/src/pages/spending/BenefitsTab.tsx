// 福利台账: one member's benefits in a year (spending.benefits) — received by kind and festival,
// what remains under each cap of the active preset, each entry linked to its voucher.
import { useState } from 'react';
import { Alert, Button, Empty, Input, Space, Table } from 'antd';
import type { BenefitLine, BenefitRegister } from '@contract/spending';
import { formatYuan } from '@contract/money';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { MemberPicker } from '../members/common';

const y = (f: number | null) => (f === null ? '—' : formatYuan(f));

export default function BenefitsTab() {
  const [memberId, setMemberId] = useState<number | null>(null);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [data, setData] = useState<BenefitRegister | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async (id: number | null, yr: string) => {
    setError(null);
    if (id === null) {
      setData(null);
      return;
    }
    const n = Number(yr);
    if (!Number.isInteger(n) || n < 2000 || n > 2100) {
      setError('年度应为 2000—2100 之间的整数');
      return;
    }
    setBusy(true);
    try {
      setData(await call('spending.benefits', { memberId: id, year: n }));
    } catch (e) {
      setData(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Space className="uls-toolbar" wrap>
        <span>会员</span>
        <MemberPicker
          label="福利台账会员"
          value={memberId}
          onChange={(m) => {
            setMemberId(m?.id ?? null);
            void load(m?.id ?? null, year);
          }}
          width={320}
        />
        <span>年度</span>
        <Input aria-label="福利台账年度" value={year} onChange={(e) => setYear(e.target.value)} onPressEnter={() => void load(memberId, year)} style={{ width: 90 }} />
        <Button type="primary" loading={busy} disabled={memberId === null} onClick={() => void load(memberId, year)}>
          查询
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!data && !error && <Empty description="选择会员和年度，查看其已领福利和各项上限的剩余额度" />}
      {data && (
        <div aria-label="福利台账">
          <h3 className="uls-bh">
            {data.employeeNo} {data.name}　{data.year} 年福利台账　合计已领 <span className="ulm-num" aria-label="合计已领">{formatYuan(data.totalFen)}</span> 元
            <span className="uls-muted">（标准：{data.presetId}，{data.ruleSetVersion}；只计已支付且凭证已记账的支出）</span>
          </h3>
          <Table<BenefitLine>
            aria-label="按类别"
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={data.lines}
            locale={{ emptyText: '本年度尚无已记账的福利' }}
            expandable={{
              rowExpandable: (l) => l.entries.length > 0,
              expandedRowRender: (l) => (
                <table className="uls-table">
                  <thead>
                    <tr>
                      <th>日期</th>
                      <th>申请</th>
                      <th>事项</th>
                      <th>节日</th>
                      <th>物品</th>
                      <th>金额（元）</th>
                      <th>凭证</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.entries.map((e, i) => (
                      <tr key={`${e.requestId}-${i}`}>
                        <td>{e.date}</td>
                        <td>
                          <a href={`#/spending/${e.requestId}`}>#{e.requestId}</a>
                        </td>
                        <td>{e.type}</td>
                        <td>{e.festival ?? ''}</td>
                        <td>{e.item ?? ''}</td>
                        <td className="ulm-num">{formatYuan(e.amountFen)}</td>
                        <td>
                          <a href={`#/vouchers/${e.voucherId}`}>凭证 #{e.voucherId}</a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ),
            }}
            columns={[
              { title: '类别', dataIndex: 'label' },
              { title: '次数', dataIndex: 'count', width: 70, align: 'right' },
              { title: '已领（元）', dataIndex: 'receivedFen', align: 'right', render: (f: number) => <span className="ulm-num">{formatYuan(f)}</span> },
              { title: '年度上限', dataIndex: 'capFen', align: 'right', render: (f: number | null) => <span className="ulm-num">{y(f)}</span> },
              { title: '剩余额度', dataIndex: 'remainingFen', align: 'right', render: (f: number | null) => <span className={`ulm-num${f !== null && f <= 0 ? ' ulm-red' : ''}`}>{y(f)}</span> },
              { title: '单次标准', dataIndex: 'perOccasionFen', align: 'right', render: (f: number | null) => <span className="ulm-num">{y(f)}</span> },
            ]}
          />
          {data.festivals.length > 0 && (
            <>
              <h4 className="uls-bh">按节日</h4>
              <Table
                aria-label="按节日"
                rowKey="festival"
                size="small"
                pagination={false}
                dataSource={data.festivals}
                columns={[
                  { title: '节日', dataIndex: 'festival' },
                  { title: '已领（元）', dataIndex: 'receivedFen', align: 'right', render: (f: number) => <span className="ulm-num">{formatYuan(f)}</span> },
                  { title: '上限', dataIndex: 'capFen', align: 'right', render: (f: number | null) => <span className="ulm-num">{y(f)}</span> },
                  { title: '剩余', dataIndex: 'remainingFen', align: 'right', render: (f: number | null) => <span className="ulm-num">{y(f)}</span> },
                ]}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
