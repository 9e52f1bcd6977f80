import { createContext, useContext } from 'react';
import type { SessionUser } from '@contract/operations';

export interface SessionContextValue {
  user: SessionUser;
  /** Tell the layout the union's name changed (after 工会信息 is saved). */
  setUnionName: (name: string) => void;
  /** Re-read the session (after the user's own account was edited). */
  refreshSession: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionContext');
  return v;
}
