// Metaverse Search: find identities in the metaverse.
import { EmptyState } from '../components/EmptyState.tsx';

/** The metaverse search view. */
export function MetaverseSearchTab() {
  return <EmptyState title="The metaverse is empty">Objects appear here once a synchronization has projected them.</EmptyState>;
}
