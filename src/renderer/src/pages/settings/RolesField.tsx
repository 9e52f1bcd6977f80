// Role picker: each role with its label and what it may do. A conflicting combination is refused
// by the core (会计法 第三十五条 etc.) and shown on this field.
import { Checkbox, Typography } from 'antd';
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from '@contract/roles';

interface Props {
  id?: string;
  value?: Role[];
  onChange?: (value: Role[]) => void;
}

export default function RolesField({ id, value, onChange }: Props) {
  return (
    <div id={id} role="group" aria-label="角色">
    <Checkbox.Group<Role> value={value} onChange={(v) => onChange?.(v)} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {ROLES.map((r) => (
        <Checkbox key={r} value={r}>
          <span>{ROLE_LABELS[r]}</span>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {ROLE_DESCRIPTIONS[r]}
          </Typography.Text>
        </Checkbox>
      ))}
    </Checkbox.Group>
    </div>
  );
}
