// One engine finding as the form shows it where it arises: rule id, 禁止 (red) or 提示 (orange),
// the Chinese message with its figures, the citation and the fix; a warning the chair accepted
// shows the written reason; the chair gets 说明理由接受 on a warning, and a block says it cannot be.
import { useState } from 'react';
import { Alert, Button, Input, Modal, Tag } from 'antd';
import type { SpendingFinding } from '@contract/spending';
import { SeverityTag } from './common';
import { localTime } from '../../lib/format';

export interface OverrideAbility {
  /** The chair, on a request someone else made, while it can still be approved or paid. */
  canOverride: boolean;
  onOverride: (ruleId: string, reason: string) => Promise<void>;
}

export function FindingItem({ f, ov }: { f: SpendingFinding; ov: OverrideAbility | null }) {
  const [open, setOpen] = useState(false);
  return (
    <div className={`uls-finding uls-${f.severity}${f.overridden ? ' uls-overridden' : ''}`} data-rule={f.rule} role="note" aria-label={`${f.rule} ${f.severity === 'block' ? '禁止' : '提示'}`}>
      <div className="uls-finding-head">
        <SeverityTag severity={f.severity} />
        <span className="uls-rule">{f.rule}</span>
        <span className="uls-message">{f.message}</span>
      </div>
      <div className="uls-finding-line">
        <span className="uls-k">依据</span>
        <span className="uls-citation">{f.citation}</span>
      </div>
      <div className="uls-finding-line">
        <span className="uls-k">如何通过</span>
        <span className="uls-fix">{f.fix}</span>
      </div>
      {f.overridden && (
        <div className="uls-finding-line">
          <Tag color="gold">主席已说明理由接受</Tag>
          <span>
            {f.overridden.reason}（{f.overridden.by}，{localTime(f.overridden.at)}）
          </span>
        </div>
      )}
      {ov?.canOverride && !f.overridden && (
        <div className="uls-finding-line">
          {f.severity === 'warn' ? (
            <Button size="small" onClick={() => setOpen(true)}>
              说明理由接受
            </Button>
          ) : (
            <span className="uls-noov">禁止性规则，不能说明理由放行。</span>
          )}
        </div>
      )}
      {open && ov && <OverrideDialog f={f} onClose={() => setOpen(false)} onOverride={ov.onOverride} />}
    </div>
  );
}

const MIN_REASON = 10;

function OverrideDialog({ f, onClose, onOverride }: { f: SpendingFinding; onClose: () => void; onOverride: (ruleId: string, reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const length = [...reason.trim()].length;
  const ok = async () => {
    if (length < MIN_REASON) {
      setError(`理由至少 ${MIN_REASON} 个字（现 ${length} 个字）`);
      return;
    }
    setBusy(true);
    try {
      await onOverride(f.rule, reason.trim());
      onClose();
    } catch {
      /* reported by the caller */
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="说明理由接受提示" onCancel={onClose} onOk={() => void ok()} okText="接受并记录理由" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      <p>
        <Tag color="orange">提示</Tag>
        <strong>{f.rule}</strong> {f.message}
      </p>
      <p className="uls-muted">依据：{f.citation}</p>
      <p className="uls-muted">如何通过：{f.fix}</p>
      <Alert type="info" showIcon title="理由将随本支出永久保存，并写入审计日志。禁止性问题不能以此方式放行。" style={{ marginBottom: 12 }} />
      <Input.TextArea
        aria-label="接受理由"
        rows={3}
        value={reason}
        maxLength={500}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
        placeholder="至少 10 个字，说明为何仍应支出"
      />
      <div className={error ? 'uls-error' : 'uls-muted'}>{error ?? `${length} / 至少 ${MIN_REASON} 个字`}</div>
    </Modal>
  );
}

/** The findings of one place of the form, blocks first. */
export function FindingList({ findings, ov }: { findings: readonly SpendingFinding[]; ov: OverrideAbility | null }) {
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => Number(a.severity === 'warn') - Number(b.severity === 'warn'));
  return (
    <div className="uls-findings">
      {sorted.map((f, i) => (
        <FindingItem key={`${f.rule}-${f.memberId ?? ''}-${i}`} f={f} ov={ov} />
      ))}
    </div>
  );
}
