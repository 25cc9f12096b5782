// Metaverse Designer: object types and their attributes.
import { EmptyState } from '../components/EmptyState.tsx';

/** The metaverse schema view. */
export function MetaverseDesignerTab() {
  return <EmptyState title="No metaverse schema yet">Object types such as person and group, and their attributes, appear here.</EmptyState>;
}
