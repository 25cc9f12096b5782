// Attribute values as they travel between connectors, the connector space and the metaverse.

/** A DN-valued attribute value (reference to another object in the same connected directory). */
export interface DnRef {
  readonly dn: string;
}

/** One attribute value: String, Integer (64-bit), Boolean, Binary, DateTime or Reference. */
export type AttributeValue = string | bigint | boolean | Uint8Array | Date | DnRef;

/** Attribute name → values. Single-valued attributes hold a one-element array; absent = no key or []. */
export type Attributes = Record<string, AttributeValue[]>;

/** The syntax of an attribute, as discovered from a connected directory or declared in the metaverse. */
export type AttributeType = 'string' | 'integer' | 'boolean' | 'binary' | 'datetime' | 'reference';

/** True when the value is a reference to another object. */
export function isDnRef(value: AttributeValue): value is DnRef {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && !(value instanceof Date);
}
