// What one attribute flow produces for one object (spec §3.4).
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';

export type FlowValue =
  | { readonly kind: 'values'; readonly values: StoredValue[] }
  | { readonly kind: 'null' }
  | { readonly kind: 'authoritative-null' }
  | { readonly kind: 'ignore' };

export const NULL_FLOW: FlowValue = { kind: 'null' };
export const AUTHORITATIVE_NULL_FLOW: FlowValue = { kind: 'authoritative-null' };
export const IGNORE_FLOW: FlowValue = { kind: 'ignore' };

/** The source of a flow: the object's attributes, its import-confirmed view, and run parameters. */
export interface FlowInput {
  readonly attributes: StoredAttributes;
  readonly imported: StoredAttributes;
  readonly parameters: Readonly<Record<string, string>>;
  /** Whether a source attribute is multi-valued (from the schema), when known. */
  readonly multiValued?: (name: string) => boolean;
}

/** A flow failed for this object: an Error() call or an evaluation error (a sync error on the object). */
export class FlowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
