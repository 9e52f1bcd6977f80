import { Tabs, Typography } from 'antd';
import UnionTab from './UnionTab';
import UsersTab from './UsersTab';
import SystemTab from './SystemTab';
import BackupTab from './BackupTab';
import SpendingRulesTab from './SpendingRulesTab';

/** 设置 (admin only): 工会信息, 用户管理, 系统设置, 支出规则. */
export default function SettingsPage() {
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        设置
      </Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'union', label: '工会信息', children: <UnionTab /> },
          { key: 'users', label: '用户管理', children: <UsersTab /> },
          { key: 'system', label: '系统设置', children: <SystemTab /> },
          { key: 'backup', label: '备份与恢复', children: <BackupTab /> },
          { key: 'spending-rules', label: '支出规则', children: <SpendingRulesTab /> },
        ]}
      />
    </div>
  );
}
