// 会员名册: search (姓名, 工号 or pinyin initials), 工会小组 and 状态 filters, paged on the server;
// a row opens the member drawer; 工会小组 are maintained in their own dialog.
import { useEffect, useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { MemberPage, MemberStatus, MemberSummary } from '@contract/members';
import { call } from '../../api';
import { errorMessage } from '../../lib/errors';
import { STATUS_OPTIONS, StatusTag, useGroups } from './common';
import MemberDrawer from './MemberDrawer';
import GroupsModal from './GroupsModal';

interface Query {
  q: string;
  group: number | null;
  status: MemberStatus | null;
  page: number;
  pageSize: number;
}

const columns: TableColumnsType<MemberSummary> = [
  { title: '工号', dataIndex: 'employeeNo', width: 100 },
  { title: '姓名', dataIndex: 'name', width: 100 },
  { title: '性别', dataIndex: 'gender', width: 60, align: 'center' },
  { title: '工会小组', dataIndex: 'groupName', width: 110, render: (g: string | null) => g ?? <span className="ulm-muted">未分组</span> },
  { title: '状态', dataIndex: 'status', width: 130, render: (s: MemberStatus) => <StatusTag status={s} /> },
  { title: '用工类型', dataIndex: 'employmentType', width: 90 },
  { title: '入会日期', dataIndex: 'joinedOn', width: 110 },
  { title: '手机', dataIndex: 'phone', width: 120 },
  { title: '身份证号', dataIndex: 'idNumberMasked', render: (s: string | null) => <span className="ulm-num">{s ?? ''}</span> },
];

export default function RosterTab({ canWrite }: { canWrite: boolean }) {
  const { groups, reload: reloadGroups } = useGroups();
  const [query, setQuery] = useState<Query>({ q: '', group: null, status: null, page: 1, pageSize: 50 });
  const [text, setText] = useState('');
  const [data, setData] = useState<MemberPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  /** The member in the drawer; 'new' for a new member. */
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const [groupsOpen, setGroupsOpen] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    call('members.list', {
      q: query.q || undefined,
      group: query.group ?? undefined,
      status: query.status ?? undefined,
      page: query.page,
      pageSize: query.pageSize,
    })
      .then((p) => {
        if (!live) return;
        setData(p);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, tick]);

  // Search as the user types, after a short pause.
  useEffect(() => {
    const t = setTimeout(() => setQuery((q) => (q.q === text.trim() ? q : { ...q, q: text.trim(), page: 1 })), 250);
    return () => clearTimeout(t);
  }, [text]);

  return (
    <div>
      <div className="ulm-toolbar">
        <Space wrap>
          <Input.Search
            aria-label="搜索会员"
            placeholder="姓名、工号或拼音首字母（如 zs）"
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setQuery((q) => ({ ...q, q: v.trim(), page: 1 }))}
            style={{ width: 280 }}
          />
          <Select
            aria-label="工会小组"
            allowClear
            placeholder="全部小组"
            value={query.group ?? undefined}
            options={groups.map((g) => ({ value: g.id, label: `${g.name}（${g.members}人）` }))}
            onChange={(v: number | undefined) => setQuery((q) => ({ ...q, group: v ?? null, page: 1 }))}
            style={{ width: 160 }}
          />
          <Select
            aria-label="会员状态"
            allowClear
            placeholder="全部状态"
            value={query.status ?? undefined}
            options={STATUS_OPTIONS}
            onChange={(v: MemberStatus | undefined) => setQuery((q) => ({ ...q, status: v ?? null, page: 1 }))}
            style={{ width: 150 }}
          />
        </Space>
        <Space>
          <Button icon={<TeamOutlined />} onClick={() => setGroupsOpen(true)}>
            工会小组
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')}>
              新增会员
            </Button>
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<MemberSummary>
        aria-label="会员名册"
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={data?.rows ?? []}
        rowClassName="ulm-click"
        onRow={(m) => ({
          onClick: () => setOpen(m.id),
          onKeyDown: (e) => e.key === 'Enter' && setOpen(m.id),
          tabIndex: 0,
        })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `共 ${n} 名会员`,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize !== q.pageSize ? 1 : page, pageSize })),
        }}
      />
      <Typography.Text type="secondary" className="ulm-hint">
        身份证号与银行账号在名册中隐去中间位；在会员详情中可“显示完整号码”，每次查看都记入审计日志。
      </Typography.Text>
      <MemberDrawer
        target={open}
        canWrite={canWrite}
        groups={groups}
        onClose={() => setOpen(null)}
        onChanged={(id) => {
          setTick((n) => n + 1);
          reloadGroups();
          if (id !== undefined) setOpen(id);
        }}
      />
      <GroupsModal
        open={groupsOpen}
        groups={groups}
        canWrite={canWrite}
        onClose={() => setGroupsOpen(false)}
        onChanged={() => {
          reloadGroups();
          setTick((n) => n + 1);
        }}
      />
    </div>
  );
}
