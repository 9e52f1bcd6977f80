import type { ModuleKey } from '@contract/roles';
import Placeholder from '../pages/Placeholder';
import AuditLog from '../pages/AuditLog';
import SettingsPage from '../pages/settings/SettingsPage';
import VouchersPage from '../pages/vouchers/VouchersPage';

/** The page for one navigation module; modules not built yet say so honestly. */
export default function ModulePage({ module }: { module: ModuleKey }) {
  switch (module) {
    case 'audit':
      return <AuditLog />;
    case 'settings':
      return <SettingsPage />;
    case 'vouchers':
      return <VouchersPage />;
    default:
      return <Placeholder module={module} />;
  }
}
