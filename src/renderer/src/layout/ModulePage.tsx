import type { ModuleKey } from '@contract/roles';
import Placeholder from '../pages/Placeholder';
import AuditLog from '../pages/AuditLog';
import SettingsPage from '../pages/settings/SettingsPage';
import VouchersPage from '../pages/vouchers/VouchersPage';
import BooksPage from '../pages/books/BooksPage';
import ReportsPage from '../pages/reports/ReportsPage';
import MembersPage from '../pages/members/MembersPage';
import SpendingPage from '../pages/spending/SpendingPage';
import BudgetPage from '../pages/budget/BudgetPage';
import DisclosurePage from '../pages/disclosure/DisclosurePage';
import ReviewPage from '../pages/review/ReviewPage';

/** The page for one navigation module; modules not built yet say so honestly. */
export default function ModulePage({ module }: { module: ModuleKey }) {
  switch (module) {
    case 'audit':
      return <AuditLog />;
    case 'settings':
      return <SettingsPage />;
    case 'vouchers':
      return <VouchersPage />;
    case 'books':
      return <BooksPage />;
    case 'reports':
      return <ReportsPage />;
    case 'members':
      return <MembersPage />;
    case 'spending':
      return <SpendingPage />;
    case 'budget':
      return <BudgetPage />;
    case 'disclosure':
      return <DisclosurePage />;
    case 'review':
      return <ReviewPage />;
    default:
      return <Placeholder module={module} />;
  }
}
