import { Result, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { MODULES, type ModuleKey } from '@contract/roles';
import { MODULE_DESCRIPTIONS } from '../lib/modules';

/** An honest page for a module that is not built yet: no sample data. */
export default function Placeholder({ module }: { module: ModuleKey }) {
  const label = MODULES.find((m) => m.key === module)?.label ?? module;
  return (
    <Result
      icon={<ClockCircleOutlined />}
      title={label}
      subTitle="此模块将在后续版本提供"
      extra={<Typography.Paragraph type="secondary">{MODULE_DESCRIPTIONS[module]}</Typography.Paragraph>}
    />
  );
}
