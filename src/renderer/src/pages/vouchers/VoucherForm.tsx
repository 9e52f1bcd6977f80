// The 记账凭证, laid out like the paper form: 凭证字/号, 日期, 附件 N 张; a grid of
// 摘要 | 会计科目 | 借方金额 | 贷方金额; 合计 with 人民币（大写）; the signers at the foot.
// Keyboard first: Enter walks 摘要 → 科目 → (辅助项) → 借方 → 贷方 → next line; "=" balances.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Input, InputNumber, Modal, Radio, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AccountInfo, VoucherDetail, VoucherTemplate } from '@contract/books';
import { VOUCHER_WORDS } from '@contract/books';
import { formatYuan, parseYuan, toChineseCapital, MoneyError } from '@contract/money';
import { ApiError, call } from '../../api';
import { errorMessage, isUnauthenticated } from '../../lib/errors';
import { localTime } from '../../lib/format';
import AccountPicker from './AccountPicker';
import VoucherExtras from './VoucherExtras';
import { openFile } from './print';
import {
  KIND_LABEL,
  STATUS_COLOR,
  STATUS_LABEL,
  balancingAmount,
  blankLine,
  cellSequence,
  isCashOrBank,
  lineFrom,
  needsCounterparty,
  needsExpenseType,
  needsFundNature,
  todayIso,
  toSaveLines,
  totals,
  withAccount,
  type Abilities,
  type CellCol,
  type EditHeader,
  type EditLine,
  type PickAccount,
} from './model';

export type FormTarget = { kind: 'new'; date: string; template?: VoucherTemplate } | { kind: 'view'; id: number };

interface Props {
  target: FormTarget;
  accounts: readonly PickAccount[];
  can: Abilities;
  onOpen: (id: number) => void;
  onBack: () => void;
  onNew: () => void;
  onCorrect: (template: VoucherTemplate) => void;
}

type HeaderField = 'date' | 'word' | 'attachments' | 'attachmentsNote';
interface FormError {
  message: string;
  rule?: string;
}

const SYSTEM_KINDS = new Set(['reversal', 'closing', 'year_end']);
const COL_FROM_FIELD: Record<string, CellCol | undefined> = {
  summary: 'summary',
  accountCode: 'account',
  debit: 'debit',
  credit: 'credit',
  fundNature: 'fundNature',
  project: 'project',
  expenseType: 'expenseType',
  counterparty: 'counterparty',
};
const MIN_ROWS = 5;

/** Shortcut labels, shown on the buttons and in the key map. */
export const KEYS = {
  save: 'Ctrl+S',
  review: 'Alt+S',
  unreview: 'Alt+U',
  cashier: 'Alt+C',
  post: 'Alt+J',
  reverse: 'Alt+H',
  correct: 'Alt+G',
  print: 'Ctrl+P',
  delete: 'Ctrl+Delete',
  newVoucher: 'Alt+N',
  back: 'Esc',
  balance: '=',
} as const;

function Kbd({ k }: { k: string }) {
  return <span className="ulv-kbd">{k}</span>;
}

function headerFrom(d: VoucherDetail | VoucherTemplate | null, date: string): EditHeader {
  if (!d) return { word: '记', date, attachments: 0, attachmentsNote: '' };
  return { word: d.word, date: d.date, attachments: d.attachments, attachmentsNote: 'attachmentsNote' in d ? (d.attachmentsNote ?? '') : '' };
}

function padLines(lines: EditLine[], editable: boolean): EditLine[] {
  if (!editable) return lines;
  return lines.length > 0 ? lines : [blankLine()];
}

export default function VoucherForm({ target, accounts, can, onOpen, onBack, onNew, onCorrect }: Props) {
  const { message, modal } = App.useApp();
  const byCode = useMemo(() => new Map<string, AccountInfo>(accounts.map((a) => [a.code, a.account])), [accounts]);
  const template = target.kind === 'new' ? target.template : undefined;

  const [detail, setDetail] = useState<VoucherDetail | null>(null);
  const [loading, setLoading] = useState(target.kind === 'view');
  const [header, setHeader] = useState<EditHeader>(() => headerFrom(template ?? null, target.kind === 'new' ? target.date : todayIso()));
  const [lines, setLines] = useState<EditLine[]>(() => (template ? template.lines.map(lineFrom) : [blankLine()]));
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [headerErrors, setHeaderErrors] = useState<Partial<Record<HeaderField, string>>>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [dialog, setDialog] = useState<null | 'reverse' | 'correct'>(null);
  const cells = useRef(new Map<string, HTMLElement>());
  const [pendingFocus, setPendingFocus] = useState<{ line: number; col: CellCol } | null>(target.kind === 'new' ? { line: 0, col: 'summary' } : null);

  const kind = detail?.kind ?? template?.kind ?? 'normal';
  const correctsVoucherId = detail?.correctsVoucherId ?? template?.correctsVoucherId ?? null;
  const editable = can.prepare && (target.kind === 'new' || (detail !== null && detail.status === 'draft' && !SYSTEM_KINDS.has(detail.kind)));

  const load = useCallback(
    (d: VoucherDetail) => {
      setDetail(d);
      setHeader(headerFrom(d, d.date));
      setLines(d.lines.map(lineFrom));
      setDrafts({});
      setCellErrors({});
      setHeaderErrors({});
      setDirty(false);
    },
    [],
  );

  useEffect(() => {
    if (target.kind !== 'view') return;
    let live = true;
    setLoading(true);
    call('vouchers.get', { id: target.id })
      .then((d) => {
        if (!live) return;
        load(d);
        const canEdit = can.prepare && d.status === 'draft' && !SYSTEM_KINDS.has(d.kind);
        if (canEdit) setPendingFocus({ line: 0, col: 'summary' });
      })
      .catch((err: unknown) => live && setFormError({ message: errorMessage(err) }))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [target, load, can.prepare]);

  // Editable drafts always end with room to type; the paper form shows at least five rows.
  const shown = padLines(lines, editable);

  // ---------- focus ----------
  const cellKey = (line: number, col: CellCol) => `${line}.${col}`;
  const register = (line: number, col: CellCol) => (el: HTMLElement | null) => {
    if (el) cells.current.set(cellKey(line, col), el);
    else cells.current.delete(cellKey(line, col));
  };
  useEffect(() => {
    if (!pendingFocus) return;
    const el = cells.current.get(cellKey(pendingFocus.line, pendingFocus.col));
    if (el) {
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
      setPendingFocus(null);
    }
  });
  const focusCell = (line: number, col: CellCol) => setPendingFocus({ line, col });

  // ---------- editing ----------
  const errKey = (line: EditLine, col: CellCol) => `${line.key}.${col}`;
  const clearError = (line: EditLine, col: CellCol) =>
    setCellErrors((e) => {
      if (!(errKey(line, col) in e)) return e;
      const next = { ...e };
      delete next[errKey(line, col)];
      return next;
    });

  const updateLine = (i: number, fn: (l: EditLine) => EditLine) => {
    setDirty(true);
    setLines((ls) => {
      const base = padLines(ls, editable);
      return base.map((l, j) => (j === i ? fn(l) : l));
    });
  };

  const next = (i: number, col: CellCol) => {
    const line = shown[i]!;
    const seq = cellSequence(line, byCode.get(line.accountCode));
    const at = seq.indexOf(col);
    if (at >= 0 && at < seq.length - 1) {
      focusCell(i, seq[at + 1]!);
      return;
    }
    if (i < shown.length - 1) {
      focusCell(i + 1, 'summary');
      return;
    }
    if (!editable) return;
    // A new line at the end; its 摘要 carries down from this one (selected, so typing replaces it).
    setLines((ls) => [...padLines(ls, true), blankLine(line.summary)]);
    focusCell(i + 1, 'summary');
  };

  /** Arrow keys move between lines in the same column. */
  const vertical = (i: number, col: CellCol) => (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.shiftKey) return;
    if (e.key === 'ArrowDown' && i < shown.length - 1) {
      e.preventDefault();
      focusCell(i + 1, col);
    } else if (e.key === 'ArrowUp' && i > 0) {
      e.preventDefault();
      focusCell(i - 1, col);
    }
  };

  const amountKey = (l: EditLine, side: 'debit' | 'credit') => `${l.key}.${side}`;

  /** Parses a typed amount; returns the lines with it applied, or null (the error is on the cell). */
  const commitAmount = (base: EditLine[], i: number, side: 'debit' | 'credit', draftsNow: Record<string, string>): EditLine[] | null => {
    const l = base[i];
    if (!l) return base;
    const k = amountKey(l, side);
    const text = draftsNow[k];
    if (text === undefined) return base;
    let fen = 0;
    if (text.trim() !== '') {
      try {
        fen = parseYuan(text, side === 'debit' ? '借方金额' : '贷方金额');
      } catch (err) {
        const msg = err instanceof MoneyError ? err.message : errorMessage(err);
        setCellErrors((e) => ({ ...e, [errKey(l, side)]: msg }));
        return null;
      }
    }
    clearError(l, side);
    const other = side === 'debit' ? 'credit' : 'debit';
    return base.map((x, j) => (j === i ? { ...x, [side]: fen, ...(fen !== 0 ? { [other]: 0 } : {}) } : x));
  };

  const finishAmount = (i: number, side: 'debit' | 'credit'): boolean => {
    const l = shown[i];
    if (!l) return true;
    const k = amountKey(l, side);
    if (!(k in drafts)) return true;
    const applied = commitAmount(shown, i, side, drafts);
    if (!applied) return false;
    setLines(applied);
    setDrafts((d) => {
      const n = { ...d };
      delete n[k];
      return n;
    });
    return true;
  };

  const autoBalance = (i: number, side: 'debit' | 'credit') => {
    const l = shown[i]!;
    const amount = balancingAmount(shown, i, side);
    if (amount <= 0) {
      message.info(amount === 0 ? '借贷已平衡，无需补差。' : `应在${side === 'debit' ? '贷方' : '借方'}补 ${formatYuan(-amount)}。`);
      return;
    }
    setDirty(true);
    const other = side === 'debit' ? 'credit' : 'debit';
    setLines(shown.map((x, j) => (j === i ? { ...x, [side]: amount, [other]: 0 } : x)));
    setDrafts((d) => ({ ...d, [amountKey(l, side)]: formatYuan(amount) }));
    clearError(l, side);
  };

  // ---------- save and the workflow ----------
  const applyError = (err: unknown, from: number[]) => {
    if (isUnauthenticated(err)) return;
    if (err instanceof ApiError && err.field) {
      const m = /^lines\.(\d+)\.(\w+)$/.exec(err.field);
      if (m) {
        const i = from[Number(m[1])] ?? Number(m[1]);
        const col = COL_FROM_FIELD[m[2]!];
        const line = shown[i];
        if (col && line) {
          setCellErrors((e) => ({ ...e, [errKey(line, col)]: err.message }));
          setActive(i);
          focusCell(i, col);
          return;
        }
      }
      const f = err.field as HeaderField;
      if (f === 'date' || f === 'word' || f === 'attachments' || f === 'attachmentsNote') {
        setHeaderErrors((h) => ({ ...h, [f]: err.message }));
        return;
      }
    }
    if (err instanceof ApiError && err.code === 'FORBIDDEN') {
      message.error(err.message);
      return;
    }
    setFormError({ message: errorMessage(err), rule: err instanceof ApiError ? err.data.rule : undefined });
  };

  const save = async () => {
    if (!editable || busy) return;
    // Commit every amount still being typed.
    let current: EditLine[] | null = shown;
    for (const k of Object.keys(drafts)) {
      const [lineKey, side] = k.split('.') as [string, 'debit' | 'credit'];
      const i = current.findIndex((l) => String(l.key) === lineKey);
      if (i < 0) continue;
      const applied: EditLine[] | null = commitAmount(current, i, side, drafts);
      if (!applied) {
        current = null;
        break;
      }
      current = applied;
    }
    if (!current) {
      message.error('有金额格式不正确，凭证未保存。');
      return;
    }
    if (Object.keys(cellErrors).some((k) => k.endsWith('.debit') || k.endsWith('.credit'))) {
      message.error('有金额格式不正确，凭证未保存。');
      return;
    }
    setLines(current);
    setDrafts({});
    setFormError(null);
    setHeaderErrors({});
    const { lines: out, from } = toSaveLines(current);
    if (out.length === 0) {
      setFormError({ message: '凭证至少需要一行分录：请选择会计科目并填写金额。' });
      focusCell(0, 'summary');
      return;
    }
    setBusy(true);
    try {
      const saved = await call('vouchers.save', {
        ...(detail ? { id: detail.id } : {}),
        date: header.date,
        word: header.word as (typeof VOUCHER_WORDS)[number],
        attachments: header.attachments,
        attachmentsNote: header.attachmentsNote.trim() || null,
        kind: kind === 'correction' || kind === 'difference' ? kind : 'normal',
        correctsVoucherId,
        lines: out,
      });
      setCellErrors({});
      message.success(detail ? '凭证已保存' : '凭证已保存为草稿');
      if (detail) load(saved);
      else onOpen(saved.id);
    } catch (err) {
      applyError(err, from);
    } finally {
      setBusy(false);
    }
  };

  const act = async (what: string, run: () => Promise<VoucherDetail>) => {
    if (busy) return;
    setBusy(true);
    setFormError(null);
    try {
      const d = await run();
      load(d);
      message.success(what);
    } catch (err) {
      applyError(err, []);
    } finally {
      setBusy(false);
    }
  };

  const remove = () => {
    if (!detail) return;
    modal.confirm({
      title: '删除草稿凭证',
      content: '删除后不可恢复。确定删除这张草稿凭证吗？',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await call('vouchers.delete', { id: detail.id });
          message.success('草稿凭证已删除');
          onBack();
        } catch (err) {
          applyError(err, []);
        }
      },
    });
  };

  const print = () => {
    if (!detail) return;
    openFile(() => call('vouchers.print', { ids: [detail.id] }), { print: true })
      .then((how) => {
        if (how === 'download') message.info('浏览器拦截了新窗口，凭证 PDF 已下载。');
      })
      .catch((err: unknown) => applyError(err, []));
  };

  const status = detail?.status ?? 'draft';
  const isPosted = status === 'posted';
  const actions = {
    save: editable,
    delete: can.prepare && detail !== null && detail.status === 'draft',
    review: can.review && status === 'draft' && detail !== null,
    unreview: can.review && status === 'reviewed',
    cashier: can.cashier && status === 'reviewed' && !!detail?.needsCashier && !detail.cashier,
    post: can.review && status === 'reviewed',
    reverse: can.prepare && isPosted && detail?.kind !== 'reversal' && (detail?.reversedBy.length ?? 0) === 0,
    correct: can.prepare && isPosted,
    print: detail !== null,
  };

  const run = {
    save: () => void save(),
    delete: remove,
    review: () => detail && void act('凭证已审核', () => call('vouchers.review', { id: detail.id })),
    unreview: () => detail && void act('已取消审核', () => call('vouchers.unreview', { id: detail.id })),
    cashier: () => detail && void act('出纳已确认收付', () => call('vouchers.confirmCash', { id: detail.id })),
    post: () => detail && void act('凭证已记账', () => call('vouchers.post', { id: detail.id })),
    reverse: () => setDialog('reverse'),
    correct: () => setDialog('correct'),
    print,
  };

  const back = () => {
    if (!dirty) {
      onBack();
      return;
    }
    modal.confirm({ title: '放弃修改？', content: '凭证有未保存的修改，返回列表将放弃这些修改。', okText: '放弃并返回', cancelText: '继续编辑', onOk: onBack });
  };

  const newVoucher = () => {
    if (!dirty) {
      onNew();
      return;
    }
    modal.confirm({ title: '放弃修改？', content: '凭证有未保存的修改，新建凭证将放弃这些修改。', okText: '放弃并新建', cancelText: '继续编辑', onOk: onNew });
  };

  // Shortcuts for the whole page (a ref keeps the latest state without re-binding).
  const keyRef = useRef<(e: globalThis.KeyboardEvent) => void>(() => undefined);
  keyRef.current = (e) => {
    if (dialog || document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
    const k = e.code;
    const only = (ctrl: boolean, alt: boolean) => e.ctrlKey === ctrl && e.altKey === alt && !e.shiftKey && !e.metaKey;
    const fire = (ok: boolean, fn: () => void) => {
      e.preventDefault();
      e.stopPropagation();
      if (ok && !busy) fn();
    };
    if (only(true, false) && k === 'KeyS') return fire(actions.save, run.save);
    if (only(true, false) && k === 'KeyP') return fire(actions.print, run.print);
    if (only(true, false) && k === 'Delete') return fire(actions.delete, run.delete);
    if (only(false, true) && k === 'KeyN') return fire(can.prepare, newVoucher);
    if (only(false, true) && k === 'KeyS') return fire(actions.review, run.review);
    if (only(false, true) && k === 'KeyU') return fire(actions.unreview, run.unreview);
    if (only(false, true) && k === 'KeyC') return fire(actions.cashier, run.cashier);
    if (only(false, true) && k === 'KeyJ') return fire(actions.post, run.post);
    if (only(false, true) && k === 'KeyH') return fire(actions.reverse, run.reverse);
    if (only(false, true) && k === 'KeyG') return fire(actions.correct, run.correct);
    if (only(false, false) && e.key === 'Escape' && !e.defaultPrevented) {
      const t = e.target as HTMLElement | null;
      if (t?.closest('.ant-select, .ant-picker, .ant-picker-dropdown, .ant-select-dropdown')) return;
      fire(true, back);
    }
  };
  useEffect(() => {
    const h = (e: globalThis.KeyboardEvent) => keyRef.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  if (loading) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin tip="正在打开凭证…">
          <div style={{ width: 200, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (target.kind === 'view' && !detail) {
    return (
      <Space orientation="vertical">
        <Alert type="error" showIcon title={formError?.message ?? '无法打开凭证'} />
        <Button onClick={onBack} icon={<ArrowLeftOutlined />}>
          返回列表
        </Button>
      </Space>
    );
  }

  const t = totals(shown);
  const diff = t.debit - t.credit;
  const red = kind === 'reversal';
  const rows = editable ? shown : [...shown, ...Array.from({ length: Math.max(0, MIN_ROWS - shown.length) }, () => null)];
  const activeLine = shown[active];
  const activeAccount = activeLine ? byCode.get(activeLine.accountCode) : undefined;
  const readOnlyCell = !editable;

  const button = (key: keyof typeof actions, label: string, shortcut: string, extra?: { primary?: boolean; danger?: boolean; icon?: ReactNode }) =>
    actions[key] ? (
      <Button
        key={key}
        type={extra?.primary ? 'primary' : 'default'}
        danger={extra?.danger}
        icon={extra?.icon}
        loading={busy && (key === 'save' || key === 'review' || key === 'post' || key === 'cashier')}
        onClick={run[key]}
        aria-keyshortcuts={shortcut.replace('Ctrl', 'Control')}
      >
        {label} <Kbd k={shortcut} />
      </Button>
    ) : null;

  const amountCell = (l: EditLine, i: number, side: 'debit' | 'credit') => {
    const k = amountKey(l, side);
    const err = cellErrors[errKey(l, side)];
    const value = drafts[k] ?? (l[side] !== 0 ? formatYuan(l[side]) : '');
    const label = `第${i + 1}行${side === 'debit' ? '借方金额' : '贷方金额'}`;
    return (
      <td className={`ulv-amount${l[side] < 0 || red ? ' ulv-red' : ''}`}>
        <input
          ref={register(i, side)}
          className={`ulv-input ulv-num${err ? ' ulv-invalid' : ''}`}
          aria-label={label}
          aria-invalid={err ? true : undefined}
          inputMode="decimal"
          readOnly={readOnlyCell}
          value={value}
          onFocus={(e) => {
            setActive(i);
            e.currentTarget.select();
          }}
          onChange={(e) => {
            setDirty(true);
            setDrafts((d) => ({ ...d, [k]: e.target.value }));
          }}
          onBlur={() => !readOnlyCell && finishAmount(i, side)}
          onKeyDown={(e) => {
            if (!readOnlyCell && e.key === '=' && !e.ctrlKey && !e.altKey) {
              e.preventDefault();
              autoBalance(i, side);
              return;
            }
            if (e.key === 'Enter') {
              e.preventDefault();
              if (readOnlyCell || finishAmount(i, side)) next(i, side);
              return;
            }
            vertical(i, side)(e);
          }}
        />
        {err && (
          <div className="ulv-cell-error" role="alert">
            {err}
          </div>
        )}
      </td>
    );
  };

  const dimsText = (l: EditLine) => {
    const a = byCode.get(l.accountCode);
    const parts: string[] = [];
    if (needsFundNature(a) && l.fundNature) parts.push(l.fundNature === 'special' ? `专项${l.project ? `：${l.project}` : ''}` : '非专项');
    if (needsExpenseType(a) && l.expenseType) parts.push(l.expenseType === 'basic' ? '基本支出' : '项目支出');
    if (needsCounterparty(a) && l.counterparty) parts.push(`往来：${l.counterparty}`);
    if (l.custodial) parts.push('代管');
    return parts.join(' · ');
  };

  return (
    <div className="ulv-page">
      <div className="ulv-toolbar">
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            返回列表 <Kbd k={KEYS.back} />
          </Button>
          {can.prepare && (
            <Button icon={<PlusOutlined />} onClick={newVoucher}>
              新建 <Kbd k={KEYS.newVoucher} />
            </Button>
          )}
        </Space>
        <Space wrap>
          {button('save', '保存', KEYS.save, { primary: true, icon: <SaveOutlined /> })}
          {button('review', '审核', KEYS.review, { primary: true })}
          {button('unreview', '取消审核', KEYS.unreview)}
          {button('cashier', '出纳确认', KEYS.cashier, { primary: true })}
          {button('post', '记账', KEYS.post, { primary: true })}
          {button('reverse', '冲销', KEYS.reverse, { danger: true })}
          {button('correct', '订正', KEYS.correct)}
          {button('print', '打印', KEYS.print, { icon: <PrinterOutlined /> })}
          {button('delete', '删除', KEYS.delete, { danger: true, icon: <DeleteOutlined /> })}
        </Space>
      </div>

      {formError && (
        <Alert
          className="ulv-alert"
          type="error"
          showIcon
          closable={{ onClose: () => setFormError(null) }}
          title={formError.message}
          description={formError.rule ? `依据：${formError.rule}` : undefined}
        />
      )}
      {detail && detail.findings.length > 0 && (
        <Alert
          className="ulv-alert"
          type={detail.findings.some((f) => f.severity === 'block') ? 'error' : 'warning'}
          showIcon
          title={detail.findings.some((f) => f.severity === 'block') ? '凭证检查：有须更正的问题' : '凭证检查提示'}
          description={
            <ul className="ulv-findings">
              {detail.findings.map((f) => (
                <li key={f.rule}>
                  <Tag color={f.severity === 'block' ? 'red' : 'gold'}>{f.rule}</Tag>
                  {f.message}
                  <Typography.Text type="secondary" className="ulv-cite">
                    （{f.citation}）
                  </Typography.Text>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {template && (
        <Alert
          className="ulv-alert"
          type="info"
          showIcon
          title={template.kind === 'correction' ? `蓝字订正凭证 #${template.correctsVoucherId}：请按正确内容修改后保存` : `差额更正凭证 #${template.correctsVoucherId}：填写差额（增加为蓝字正数，减少为红字负数，如 -100）`}
        />
      )}

      <section className={`ulv-paper${red ? ' ulv-paper-red' : ''}`} aria-label="记账凭证">
        <div className="ulv-status">
          {detail ? <Tag color={STATUS_COLOR[detail.status]}>{STATUS_LABEL[detail.status]}</Tag> : <Tag>新凭证</Tag>}
          {KIND_LABEL[kind] && <Tag color={red ? 'red' : 'purple'}>{KIND_LABEL[kind]}</Tag>}
          {isPosted && <Typography.Text type="secondary">已记账凭证不可修改</Typography.Text>}
        </div>
        <h2 className="ulv-title">记账凭证</h2>
        <div className="ulv-head">
          <div className="ulv-head-item">
            {editable ? (
              <Select
                aria-label="凭证字"
                size="small"
                value={header.word}
                style={{ width: 64 }}
                options={VOUCHER_WORDS.map((w) => ({ value: w, label: w }))}
                onChange={(w) => {
                  setDirty(true);
                  setHeader((h) => ({ ...h, word: w }));
                }}
              />
            ) : (
              <strong>{header.word}</strong>
            )}
            <span>字</span>
            {detail?.number ? (
              <span className="ulv-number" aria-label="凭证号">
                第 <strong>{detail.number}</strong> 号
              </span>
            ) : (
              <Typography.Text type="secondary" className="ulv-number">
                第 ____ 号（保存后记账时编号）
              </Typography.Text>
            )}
          </div>
          <div className="ulv-head-item">
            <span>日期</span>
            {editable ? (
              <DatePicker
                aria-label="凭证日期"
                size="small"
                allowClear={false}
                format="YYYY-MM-DD"
                value={dayjs(header.date)}
                status={headerErrors.date ? 'error' : undefined}
                onChange={(d) => {
                  if (!d) return;
                  setDirty(true);
                  setHeaderErrors((h) => ({ ...h, date: undefined }));
                  setHeader((h) => ({ ...h, date: d.format('YYYY-MM-DD') }));
                }}
              />
            ) : (
              <strong>{dayjs(header.date).format('YYYY年M月D日')}</strong>
            )}
            {headerErrors.date && <span className="ulv-head-error">{headerErrors.date}</span>}
          </div>
          <div className="ulv-head-item">
            <span>附件</span>
            {editable ? (
              <InputNumber
                aria-label="附件张数"
                size="small"
                min={0}
                max={9999}
                precision={0}
                value={header.attachments}
                style={{ width: 64 }}
                status={headerErrors.attachments ? 'error' : undefined}
                onChange={(n) => {
                  setDirty(true);
                  setHeader((h) => ({ ...h, attachments: n ?? 0 }));
                }}
              />
            ) : (
              <strong>{header.attachments}</strong>
            )}
            <span>张</span>
            {editable ? (
              <Input
                aria-label="附件说明"
                size="small"
                placeholder="附件说明（如：附件另订）"
                value={header.attachmentsNote}
                maxLength={200}
                style={{ width: 180 }}
                onChange={(e) => {
                  setDirty(true);
                  setHeader((h) => ({ ...h, attachmentsNote: e.target.value }));
                }}
              />
            ) : (
              header.attachmentsNote && <Typography.Text type="secondary">（{header.attachmentsNote}）</Typography.Text>
            )}
            {headerErrors.attachments && <span className="ulv-head-error">{headerErrors.attachments}</span>}
          </div>
        </div>

        <table className="ulv-grid">
          <colgroup>
            <col style={{ width: '30%' }} />
            <col style={{ width: '36%' }} />
            <col style={{ width: '17%' }} />
            <col style={{ width: '17%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>摘要</th>
              <th>会计科目</th>
              <th>借方金额</th>
              <th>贷方金额</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l, i) =>
              l === null ? (
                <tr key={`empty-${i}`} className="ulv-empty-row">
                  <td />
                  <td />
                  <td />
                  <td />
                </tr>
              ) : (
                <tr key={l.key} className={i === active && editable ? 'ulv-active' : undefined}>
                  <td className={red ? 'ulv-red' : undefined}>
                    <input
                      ref={register(i, 'summary')}
                      className={`ulv-input${cellErrors[errKey(l, 'summary')] ? ' ulv-invalid' : ''}`}
                      aria-label={`第${i + 1}行摘要`}
                      readOnly={readOnlyCell}
                      value={l.summary}
                      maxLength={100}
                      onFocus={(e) => {
                        setActive(i);
                        e.currentTarget.select();
                      }}
                      onChange={(e) => {
                        clearError(l, 'summary');
                        updateLine(i, (x) => ({ ...x, summary: e.target.value }));
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          next(i, 'summary');
                          return;
                        }
                        vertical(i, 'summary')(e);
                      }}
                    />
                    {cellErrors[errKey(l, 'summary')] && <div className="ulv-cell-error">{cellErrors[errKey(l, 'summary')]}</div>}
                  </td>
                  <td className={red ? 'ulv-red' : undefined}>
                    <AccountPicker
                      accounts={accounts}
                      value={l.accountCode}
                      readOnly={readOnlyCell}
                      invalid={!!cellErrors[errKey(l, 'account')]}
                      inputRef={register(i, 'account')}
                      ariaLabel={`第${i + 1}行会计科目`}
                      onFocus={() => setActive(i)}
                      onPick={(code) => {
                        clearError(l, 'account');
                        updateLine(i, (x) => withAccount(x, byCode.get(code)));
                      }}
                      onDone={(code) => {
                        // The next cell depends on the account just picked (its dimensions).
                        const line = code ? withAccount(l, byCode.get(code)) : l;
                        const seq = cellSequence(line, byCode.get(line.accountCode));
                        focusCell(i, seq[seq.indexOf('account') + 1] ?? 'debit');
                      }}
                      onKeyNav={vertical(i, 'account')}
                    />
                    {dimsText(l) && <div className="ulv-dims-text">{dimsText(l)}</div>}
                    {cellErrors[errKey(l, 'account')] && <div className="ulv-cell-error">{cellErrors[errKey(l, 'account')]}</div>}
                  </td>
                  {amountCell(l, i, 'debit')}
                  {amountCell(l, i, 'credit')}
                </tr>
              ),
            )}
          </tbody>
          <tfoot>
            <tr className="ulv-total">
              <td colSpan={2}>
                <span className="ulv-total-label">合计</span>
                <span className={`ulv-capital${red || t.debit < 0 ? ' ulv-red' : ''}`} aria-label="合计金额大写">
                  人民币（大写）{t.debit === t.credit && t.debit !== 0 ? toChineseCapital(t.debit) : ''}
                </span>
                {diff !== 0 && (
                  <Tag color="red" className="ulv-diff" role="status">
                    借贷不平：{diff > 0 ? '借方' : '贷方'}多 {formatYuan(Math.abs(diff))}
                  </Tag>
                )}
              </td>
              <td className={`ulv-amount ulv-num${t.debit < 0 ? ' ulv-red' : ''}`} aria-label="借方合计">
                {formatYuan(t.debit)}
              </td>
              <td className={`ulv-amount ulv-num${t.credit < 0 ? ' ulv-red' : ''}`} aria-label="贷方合计">
                {formatYuan(t.credit)}
              </td>
            </tr>
          </tfoot>
        </table>

        {editable && activeLine && (needsFundNature(activeAccount) || needsCounterparty(activeAccount) || isCashOrBank(activeAccount)) && (
          <DimArea
            line={activeLine}
            index={active}
            account={activeAccount!}
            errors={cellErrors}
            errKey={errKey}
            register={register}
            onChange={(fn) => {
              updateLine(active, fn);
            }}
            clearError={(col) => clearError(activeLine, col)}
            onEnter={(col) => next(active, col)}
          />
        )}

        <div className="ulv-signers">
          <span>
            记账：<b>{detail?.poster?.name ?? ''}</b>
            {detail?.poster && <small>{localTime(detail.poster.at)}</small>}
          </span>
          <span>
            审核：<b>{detail?.reviewer?.name ?? ''}</b>
            {detail?.reviewer && <small>{localTime(detail.reviewer.at)}</small>}
          </span>
          <span>
            出纳：<b>{detail?.cashier?.name ?? (detail ? (detail.needsCashier ? '（待确认）' : '（无需）') : '')}</b>
            {detail?.cashier && <small>{localTime(detail.cashier.at)}</small>}
          </span>
          <span>
            制单：<b>{detail?.preparer.name ?? ''}</b>
            {detail && <small>{localTime(detail.preparer.at)}</small>}
          </span>
        </div>
      </section>

      {editable && (
        <div className="ulv-keys" aria-label="快捷键">
          <Kbd k="Enter" /> 下一格（摘要→科目→借方→贷方→下一行，新行沿用上行摘要）
          <Kbd k="↑/↓" /> 上下行 <Kbd k={KEYS.balance} /> 在金额格自动平衡 <Kbd k={KEYS.save} /> 保存 · 科目可输入代码、名称或拼音首字母（如 yhck）
        </div>
      )}

      {detail && (
        <VoucherExtras
          detail={detail}
          canAttach={can.attach && detail.status !== 'posted'}
          onOpen={onOpen}
          onChanged={load}
          correctsVoucherId={correctsVoucherId}
        />
      )}

      {detail && (
        <ReverseDialog
          open={dialog === 'reverse'}
          detail={detail}
          onClose={() => setDialog(null)}
          onDone={(d) => {
            setDialog(null);
            message.success('已生成红字冲销凭证（草稿），请审核后记账');
            onOpen(d.id);
          }}
        />
      )}
      {detail && (
        <CorrectDialog
          open={dialog === 'correct'}
          detail={detail}
          onClose={() => setDialog(null)}
          onDone={(tpl) => {
            setDialog(null);
            onCorrect(tpl);
          }}
        />
      )}
    </div>
  );
}

// ---------- the dimension area of the current line ----------

interface DimProps {
  line: EditLine;
  index: number;
  account: AccountInfo;
  errors: Record<string, string>;
  errKey: (l: EditLine, col: CellCol) => string;
  register: (line: number, col: CellCol) => (el: HTMLElement | null) => void;
  onChange: (fn: (l: EditLine) => EditLine) => void;
  clearError: (col: CellCol) => void;
  onEnter: (col: CellCol) => void;
}

/** A two-way choice driven by keys: ←/→ or the pinyin initial of an option; Enter goes on. */
function Choice<T extends string>({
  label,
  value,
  options,
  invalid,
  inputRef,
  onChange,
  onEnter,
}: {
  label: string;
  value: T | null;
  options: { value: T; label: string; key: string }[];
  invalid: boolean;
  inputRef: (el: HTMLElement | null) => void;
  onChange: (v: T) => void;
  onEnter: () => void;
}) {
  const at = options.findIndex((o) => o.value === value);
  return (
    <div
      ref={inputRef}
      role="radiogroup"
      aria-label={label}
      tabIndex={0}
      className={`ulv-choice${invalid ? ' ulv-invalid' : ''}`}
      onKeyDown={(e) => {
        if (e.ctrlKey || e.altKey || e.metaKey) return;
        if (e.key === 'Enter') {
          e.preventDefault();
          onEnter();
        } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
          e.preventDefault();
          onChange(options[(at + 1) % options.length]!.value);
        } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
          e.preventDefault();
          onChange(options[(at - 1 + options.length) % options.length]!.value);
        } else {
          const o = options.find((x) => x.key === e.key.toLowerCase());
          if (o) {
            e.preventDefault();
            onChange(o.value);
          }
        }
      }}
    >
      {options.map((o) => (
        <span
          key={o.value}
          role="radio"
          aria-checked={o.value === value}
          className={o.value === value ? 'ulv-choice-on' : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            onChange(o.value);
          }}
        >
          {o.label}
          <span className="ulv-choice-key">{o.key.toUpperCase()}</span>
        </span>
      ))}
    </div>
  );
}

function DimArea({ line, index, account, errors, errKey, register, onChange, clearError, onEnter }: DimProps) {
  const err = (col: CellCol) => errors[errKey(line, col)];
  /** A free-text dimension of the line (专项项目, 往来单位): Enter moves on like every cell. */
  const textDim = (field: 'project' | 'counterparty', label: string, aria: string) => (
    <span className="ulv-dim">
      {label}
      <input
        ref={register(index, field)}
        className={`ulv-input ulv-dim-input${err(field) ? ' ulv-invalid' : ''}`}
        aria-label={aria}
        value={line[field]}
        maxLength={60}
        onChange={(e) => {
          clearError(field);
          const value = e.target.value;
          onChange((l) => ({ ...l, [field]: value }));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onEnter(field);
          }
        }}
      />
    </span>
  );

  const choiceDim = <T extends string>(field: 'fundNature' | 'expenseType', label: string, value: T | null, options: { value: T; label: string; key: string }[]) => (
    <span className="ulv-dim">
      {label}
      <Choice
        label={label}
        value={value}
        invalid={!!err(field)}
        inputRef={register(index, field)}
        options={options}
        onChange={(v) => {
          clearError(field);
          onChange((l) => ({ ...l, [field]: v }));
        }}
        onEnter={() => onEnter(field)}
      />
    </span>
  );

  return (
    <div className="ulv-dims" aria-label={`第${index + 1}行辅助核算`}>
      <span className="ulv-dims-title">
        第 {index + 1} 行 {account.code} {account.fullName}：
      </span>
      {needsFundNature(account) &&
        choiceDim('fundNature', '资金性质', line.fundNature, [
          { value: 'general', label: '非专项', key: 'f' },
          { value: 'special', label: '专项', key: 'z' },
        ])}
      {needsFundNature(account) && line.fundNature === 'special' && (
        textDim('project', '项目', '专项资金项目')
      )}
      {needsExpenseType(account) &&
        choiceDim('expenseType', '支出类型', line.expenseType, [
          { value: 'basic', label: '基本支出', key: 'j' },
          { value: 'project', label: '项目支出', key: 'x' },
        ])}
      {needsCounterparty(account) && (
        textDim('counterparty', '往来单位', '往来单位或个人')
      )}
      {isCashOrBank(account) && (
        <label className="ulv-dim">
          <input type="checkbox" checked={line.custodial} aria-label="代管资金" onChange={(e) => onChange((l) => ({ ...l, custodial: e.target.checked }))} />
          代管资金
        </label>
      )}
      {(['fundNature', 'project', 'expenseType', 'counterparty'] as const).map((c) =>
        err(c) ? (
          <div key={c} className="ulv-cell-error ulv-dims-error" role="alert">
            {err(c)}
          </div>
        ) : null,
      )}
    </div>
  );
}

// ---------- 冲销 and 订正 dialogs ----------

function DateField({ value, onChange, onEnter, label }: { value: string; onChange: (v: string) => void; onEnter: () => void; label: string }) {
  return (
    <Input
      aria-label={label}
      autoFocus
      value={value}
      placeholder="YYYY-MM-DD"
      onChange={(e) => onChange(e.target.value)}
      onPressEnter={onEnter}
      style={{ width: 160 }}
    />
  );
}

function ReverseDialog({ open, detail, onClose, onDone }: { open: boolean; detail: VoucherDetail; onClose: () => void; onDone: (d: VoucherDetail) => void }) {
  const [date, setDate] = useState(todayIso());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('vouchers.reverse', { id: detail.id, date: date.trim() }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="红字冲销凭证"
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="生成红字凭证"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <p>
        将生成一张与 {detail.word}-{detail.number} 内容相同、金额为红字（负数）的冲销凭证，摘要为“注销…号凭证”。冲销凭证仍须审核、出纳确认（如有收付）并记账。
      </p>
      <Space>
        冲销凭证日期
        <DateField label="冲销凭证日期" value={date} onChange={setDate} onEnter={() => void submit()} />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function CorrectDialog({ open, detail, onClose, onDone }: { open: boolean; detail: VoucherDetail; onClose: () => void; onDone: (t: VoucherTemplate) => void }) {
  const [date, setDate] = useState(todayIso());
  const [mode, setMode] = useState<'full' | 'difference'>('full');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('vouchers.correctionTemplate', { id: detail.id, mode, date: date.trim() }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="订正凭证" open={open} onCancel={onClose} onOk={() => void submit()} okText="填制订正凭证" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as 'full' | 'difference')}
          options={[
            { value: 'full', label: '蓝字订正：按正确内容重新填制（原凭证应已红字冲销）' },
            { value: 'difference', label: '差额更正：只有金额错误时，填写差额' },
          ]}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
        <Space>
          订正凭证日期
          <DateField label="订正凭证日期" value={date} onChange={setDate} onEnter={() => void submit()} />
        </Space>
        <Tooltip title="会计基础工作规范 第五十一条(五)">
          <Typography.Text type="secondary">依据：会计基础工作规范 第五十一条(五)</Typography.Text>
        </Tooltip>
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}

