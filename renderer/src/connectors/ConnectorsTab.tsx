// Connectors: the configured connections to directories, Entra ID and files.
import { EmptyState } from '../components/EmptyState.tsx';

/** The list of connectors. */
export function ConnectorsTab() {
  return <EmptyState title="No connectors configured">Connectors to Active Directory, LDAP, Entra ID and files appear here.</EmptyState>;
}
