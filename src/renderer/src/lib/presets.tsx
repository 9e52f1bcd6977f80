// The province preset picker: label, source document and how reliable the source is.
import { Select, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import type { PresetOption } from '@contract/presets';

export const RELIABILITY_TEXT: Record<PresetOption['reliability'], string> = {
  '✅': '已核对原文',
  '◐': '二手来源，可在设置中调整',
  '❓': '尚未核实，使用前请核对原文',
};

/** Short form, for the selected value of the Select (plain text). */
export const RELIABILITY_SHORT: Record<PresetOption['reliability'], string> = { '✅': '已核对', '◐': '二手来源', '❓': '待核实' };

const RELIABILITY_COLOR: Record<PresetOption['reliability'], string> = { '✅': 'green', '◐': 'gold', '❓': 'red' };

/** The mark drawn as an icon (emoji fonts are not everywhere), with its meaning spelled out. */
function MarkIcon({ mark }: { mark: PresetOption['reliability'] }) {
  if (mark === '✅') return <CheckCircleFilled />;
  if (mark === '❓') return <QuestionCircleFilled />;
  return <span aria-hidden="true">◐</span>;
}

export function ReliabilityTag({ mark, short }: { mark: PresetOption['reliability']; short?: boolean }) {
  return (
    <Tag color={RELIABILITY_COLOR[mark]} icon={<MarkIcon mark={mark} />} title={RELIABILITY_TEXT[mark]}>
      {short ? RELIABILITY_SHORT[mark] : RELIABILITY_TEXT[mark]}
    </Tag>
  );
}

interface Props {
  presets: readonly PresetOption[];
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}

/** A controlled Select for Form.Item; shows the chosen preset's document below it. */
export function PresetSelect({ presets, value, onChange, id }: Props) {
  const chosen = presets.find((p) => p.id === value);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Select
        id={id}
        value={value}
        onChange={onChange}
        showSearch={{ optionFilterProp: 'label' }}
        options={presets.map((p) => ({ value: p.id, label: `${p.label}（${RELIABILITY_SHORT[p.reliability]}）`, preset: p }))}
        optionRender={(o) => {
          const p = presets.find((x) => x.id === o.value);
          if (!p) return o.label;
          return (
            <div>
              <div>
                {p.label} <ReliabilityTag mark={p.reliability} short />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                {p.document}
                {p.asOf ? `（${p.asOf}）` : ''}
              </Typography.Text>
            </div>
          );
        }}
      />
      {chosen && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          依据：{chosen.document}
          {chosen.asOf ? `（${chosen.asOf}）` : ''} <ReliabilityTag mark={chosen.reliability} />
        </Typography.Text>
      )}
    </Space>
  );
}
