// Operations: the run history of every connector.
import { EmptyState } from '../components/EmptyState.tsx';

/** The run history view. */
export function OperationsTab() {
  return <EmptyState title="No runs yet">Runs of any connector's run profiles appear here, newest first.</EmptyState>;
}
