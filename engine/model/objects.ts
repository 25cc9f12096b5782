// The engine's object model: connector space objects and metaverse objects (spec §1.3, §1.6).
import type { CsState } from '../../shared/model/connector-space.ts';
import type { StoredAttributes, StoredValue } from './stored-values.ts';

export type { CsState };
export type ChangeOp = 'add' | 'update' | 'delete' | 'delete-add';

/** Imported but not yet synchronized: the full new image, and a new DN or object type when they change. */
export interface PendingImport {
  op: ChangeOp;
  image: StoredAttributes;
  dn?: string;
  objectType?: string;
}

/** Staged by outbound sync: attribute → complete new value list ([] removes the attribute). */
export interface PendingExport {
  op: 'add' | 'update' | 'delete';
  changes: Record<string, StoredValue[]>;
  newDn?: string;
}

/** An error recorded on an object by a step. */
export interface ObjectError {
  code: string;
  message: string;
  detail?: string;
  at: string;
  runId: string | null;
}

export interface ObjectErrors {
  import?: ObjectError;
  sync?: ObjectError;
  export?: ObjectError;
}

/** The link of a CS object to its MV object. `rule` is the linking rule's store number (null for admin links). */
export interface CsLink {
  rule: number | null;
  /** Direction of the rule that made the link. */
  dir: 'in' | 'out';
  type: 'Join' | 'StickyJoin' | 'Provision' | 'Explicit';
  /** An outbound Provision rule created or has been in scope for this link: only then does the engine delete the target. */
  owned: boolean;
  at: string;
}

export interface CsObject {
  id: number;
  connector: number;
  dn: string;
  anchor: string | null;
  objectType: string;
  state: CsState;
  transient: boolean;
  mvId: number | null;
  link: CsLink | null;
  hologram: StoredAttributes;
  pendingImport: PendingImport | null;
  pendingExport: PendingExport | null;
  unconfirmed: StoredAttributes;
  errors: ObjectErrors;
  needsSync: boolean;
  seen: number;
  importedAt: string | null;
  exportedAt: string | null;
}

/** Who contributed an MV attribute value: the rule's and the CS object's store numbers. */
export type ContributorRef = [rule: number, cs: number];

export interface MvObject {
  id: number;
  objectType: string;
  attrs: StoredAttributes;
  /** Attribute → contributors (one per value for merged attributes, else a single entry). */
  contrib: Record<string, ContributorRef[]>;
  retryProvisioning: boolean;
  createdAt: string;
  updatedAt: string;
}
