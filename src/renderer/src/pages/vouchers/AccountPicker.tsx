// The 会计科目 cell: type a code ("1020"), part of the name ("银行") or pinyin initials ("yhck");
// only leaf, enabled accounts are listed; Enter takes the highlighted match (the first by default).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { searchAccounts, type PickAccount } from './model';

interface Props {
  accounts: readonly PickAccount[];
  value: string;
  readOnly: boolean;
  invalid: boolean;
  inputRef: Ref<HTMLInputElement>;
  ariaLabel: string;
  onPick: (code: string) => void;
  /** Enter with a chosen account: go to the next cell (`picked`: the account just taken, if any). */
  onDone: (picked: string | null) => void;
  onFocus: () => void;
  onKeyNav: (e: KeyboardEvent<HTMLInputElement>) => void;
}

const MAX_SHOWN = 50;

export default function AccountPicker({ accounts, value, readOnly, invalid, inputRef, ariaLabel, onPick, onDone, onFocus, onKeyNav }: Props) {
  const current = accounts.find((a) => a.code === value);
  const display = current ? `${current.code} ${current.fullName}` : value;
  const [text, setText] = useState(display);
  const [open, setOpen] = useState(false);
  const [hi, setHi] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => (open ? searchAccounts(accounts, text).slice(0, MAX_SHOWN) : []), [open, accounts, text]);

  // Follow the value when it changes from outside (load, template, another line's edit).
  useEffect(() => {
    if (!open) setText(display);
  }, [display, open]);

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${hi}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [hi]);

  const pick = (a: PickAccount | undefined) => {
    if (!a) return false;
    onPick(a.code);
    setText(`${a.code} ${a.fullName}`);
    setOpen(false);
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (readOnly) {
      onKeyNav(e);
      return;
    }
    if (open) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setHi((h) => Math.min(h + 1, matches.length - 1));
        return;
      }
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        setHi((h) => Math.max(h - 1, 0));
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setText(display);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        const chosen = matches[hi];
        if (pick(chosen)) {
          if (e.key === 'Enter') {
            e.preventDefault();
            onDone(chosen!.code);
          }
        } else if (e.key === 'Enter') e.preventDefault();
        return;
      }
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      if (value) onDone(null);
      else {
        setOpen(true);
        setHi(0);
      }
      return;
    }
    if (e.key === 'ArrowDown' && e.altKey) {
      e.preventDefault();
      setOpen(true);
      setHi(0);
      return;
    }
    onKeyNav(e);
  };

  return (
    <div className="ulv-picker">
      <input
        ref={inputRef}
        className={`ulv-input${invalid ? ' ulv-invalid' : ''}`}
        aria-label={ariaLabel}
        role="combobox"
        aria-expanded={open}
        aria-autocomplete="list"
        readOnly={readOnly}
        value={text}
        placeholder={readOnly ? '' : '代码、名称或拼音首字母'}
        onFocus={(e) => {
          onFocus();
          e.currentTarget.select();
        }}
        onBlur={() => {
          setOpen(false);
          setText(display);
        }}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setHi(0);
        }}
        onKeyDown={onKeyDown}
        title={display}
      />
      {open && (
        <ul className="ulv-picker-list" role="listbox" ref={listRef} aria-label="匹配的会计科目">
          {matches.length === 0 && <li className="ulv-picker-empty">没有匹配的末级科目</li>}
          {matches.map((a, i) => (
            <li
              key={a.code}
              role="option"
              data-index={i}
              aria-selected={i === hi}
              className={i === hi ? 'ulv-picker-hi' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                if (pick(a)) onDone(a.code);
              }}
              onMouseEnter={() => setHi(i)}
            >
              <span className="ulv-picker-code">{a.code}</span>
              <span>{a.fullName}</span>
              <span className="ulv-picker-py">{a.initials[0]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
