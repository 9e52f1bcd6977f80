// The account picker of the 凭证 module (code, name or pinyin initials; ↑↓ and Enter), here over
// every enabled account, first-level ones included, in a bordered field for the toolbar.
import { useRef } from 'react';
import AccountPicker from '../vouchers/AccountPicker';
import type { PickAccount } from '../vouchers/model';
import '../vouchers/vouchers.css';

export default function AccountField({ accounts, value, onChange, label }: { accounts: readonly PickAccount[]; value: string; onChange: (code: string) => void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div className="ulb-account-field">
      <AccountPicker
        accounts={accounts}
        value={value}
        readOnly={false}
        invalid={false}
        inputRef={ref}
        ariaLabel={label}
        onPick={onChange}
        onDone={() => ref.current?.select()}
        onFocus={() => undefined}
        onKeyNav={() => undefined}
      />
    </div>
  );
}
