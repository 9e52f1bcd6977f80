import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import type { ModuleKey } from '@contract/roles';
import Placeholder from '../pages/Placeholder';

// Each module is its own chunk, fetched when first opened: the login screen then loads only
// what it shows (issue 8: first usable screen < 1.5 s).
const pages = {
  audit: lazy(() => import('../pages/AuditLog')),
  settings: lazy(() => import('../pages/settings/SettingsPage')),
  vouchers: lazy(() => import('../pages/vouchers/VouchersPage')),
  books: lazy(() => import('../pages/books/BooksPage')),
  reports: lazy(() => import('../pages/reports/ReportsPage')),
  members: lazy(() => import('../pages/members/MembersPage')),
  spending: lazy(() => import('../pages/spending/SpendingPage')),
  budget: lazy(() => import('../pages/budget/BudgetPage')),
  disclosure: lazy(() => import('../pages/disclosure/DisclosurePage')),
  review: lazy(() => import('../pages/review/ReviewPage')),
} satisfies Partial<Record<ModuleKey, unknown>>;

/** The page for one navigation module; modules not built yet say so honestly. */
export default function ModulePage({ module }: { module: ModuleKey }) {
  const Page = module in pages ? pages[module as keyof typeof pages] : null;
  if (!Page) return <Placeholder module={module} />;
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} tip="正在载入…" />}>
      <Page />
    </Suspense>
  );
}
