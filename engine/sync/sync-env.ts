// What synchronizing one object needs: the store, the compiled rules, the connectors and the clock.
import type { Store } from '../store/store.ts';
import type { RuleSet, RuleConnector } from '../rules/rule-set.ts';
import type { StoredValue } from '../model/stored-values.ts';
import type { OutboundJoinIndex } from './outbound-join-index.ts';

export interface SyncEnv {
  readonly store: Store;
  readonly rules: RuleSet;
  readonly connectors: ReadonlyMap<number, RuleConnector>;
  readonly now: string;
  readonly runId: string | null;
  /** Expression parameters (%Connector.ID%, %Domain.FQDN%, ...) of a connector, by its sequence number. */
  parametersFor(connectorSeq: number): Readonly<Record<string, string>>;
  readonly outboundJoins: OutboundJoinIndex;
  /** Whether a connector's type can rename objects (for one that cannot, a changed DN flow stages nothing). */
  canRename(connectorSeq: number): boolean;
  /**
   * Asks to provision an MV object again later in this run because the target DN is still held by another
   * object; false when there is no later (the caller then reports the conflict).
   */
  deferProvisioning?: (mvId: number) => boolean;
}

/** One attribute decision, kept for previews. */
export interface TraceFlow {
  attribute: string;
  ruleSeq: number | null;
  flowType: string | null;
  oldValues: StoredValue[];
  newValues: StoredValue[];
  changed: boolean;
}

/** What a synchronization did to one object, for the preview window. */
export interface SyncTrace {
  scoping: { ruleSeq: number; inScope: boolean }[];
  join: { action: 'none' | 'already-joined' | 'joined' | 'projected' | 'disconnected' | 'filtered' | 'deleted'; mvId: number | null; ruleSeq: number | null; detail: string | null };
  importFlows: TraceFlow[];
  outbound: { connector: number; action: 'none' | 'provision' | 'update' | 'deprovision' | 'disconnect'; dn: string | null; exportFlows: TraceFlow[] }[];
}

/** An empty trace. */
export function newTrace(): SyncTrace {
  return { scoping: [], join: { action: 'none', mvId: null, ruleSeq: null, detail: null }, importFlows: [], outbound: [] };
}
