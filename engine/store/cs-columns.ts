// How a connector space object maps to the columns of cs_objects: states and links as small integers, times as
// milliseconds, attribute maps in the store's compact encoding (attribute-codec.ts), and a pending import or export
// split into its operation, its names and its attributes, so nothing is written twice. Object types are ids in the
// store's name dictionary.
import type { CsLink, CsObject, CsState, ObjectErrors, PendingExport, PendingImport } from '../model/objects.ts';
import type { AttributeCodec, EncodedMap } from './attribute-codec.ts';
import type { StoreNames } from './store-names.ts';
import { dnKey } from '../model/dn.ts';
import { isoOf, timeColumn } from './time-column.ts';
import { keyHash } from './key-hash.ts';

/** State codes; 0 and 1 take no bytes in a SQLite row. */
export const STATE_CODES: Readonly<Record<CsState, number>> = {
  'disconnector.normal': 0,
  'connector.normal': 1,
  'connector.explicit': 2,
  'disconnector.filtered': 3,
  'disconnector.explicit': 4,
  placeholder: 5,
};
const STATES = Object.fromEntries(Object.entries(STATE_CODES).map(([s, c]) => [c, s])) as Record<number, CsState>;

/** The SQL literal of a state code, for queries. */
export const PLACEHOLDER = STATE_CODES.placeholder;

/** The state of a code. */
export function stateOf(code: number): CsState {
  const s = STATES[code];
  if (!s) throw new Error(`Unknown connector space state code ${code}`);
  return s;
}

/**
 * A DN's comparison key is kept only when SQL cannot derive it: most keys are the DN with its ASCII letters lower-cased,
 * which is what SQL's lower() does (SQLite's, and PostgreSQL's under the "C" collation). Lookups go through an index
 * of the key's hash (dn_hash) and compare DN_KEY_SQL, so they stay exact.
 */
export function storedDnKey(dn: string): string | null {
  const key = dnKey(dn);
  return key === asciiLower(dn) ? null : key;
}

/** SQL of a row's DN key. */
export const DN_KEY_SQL = 'coalesce(dn_key, lower(dn))';

/** SQL matching a row by DN key (two parameters: `dnKeyParams(key)`), through the hash index. */
export const DN_KEY_MATCH = `dn_hash = ? AND ${DN_KEY_SQL} = ?`;

/** The parameters of DN_KEY_MATCH. */
export function dnKeyParams(key: string): [number, string] {
  return [keyHash(key), key];
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

const LINK_TYPES: readonly CsLink['type'][] = ['Join', 'StickyJoin', 'Provision', 'Explicit'];

/** A link's type, direction and ownership in one integer. */
function linkKind(l: CsLink): number {
  return LINK_TYPES.indexOf(l.type) | (l.dir === 'out' ? 4 : 0) | (l.owned ? 8 : 0);
}

export interface Row {
  id: number; connector: number; dn: string; dn_key: string | null; dn_hash: number; anchor: string | null; object_type: number; state: number; transient: number;
  mv_id: number | null; link_rule: number | null; link_kind: number | null; link_at: number | null; pi_op: string | null; pi_dn: string | null;
  pi_type: string | null; pe_op: string | null; pe_new_dn: string | null; error_kinds: number; needs_sync: number; seen: number;
  imported_at: number | null; exported_at: number | null; errors: string | null;
  hologram: EncodedMap | null; pending_import: EncodedMap | null; pending_export: EncodedMap | null; unconfirmed: EncodedMap | null;
}

/** Written columns, in the order of `columnValues`; attribute columns last so the small ones stay on the row's page. */
export const COLUMNS = [
  'connector', 'dn', 'dn_key', 'dn_hash', 'anchor', 'object_type', 'state', 'transient', 'mv_id', 'link_rule', 'link_kind', 'link_at', 'pi_op', 'pi_dn', 'pi_type',
  'pe_op', 'pe_new_dn', 'error_kinds', 'needs_sync', 'seen', 'imported_at', 'exported_at', 'errors', 'hologram', 'pending_import', 'pending_export',
  'unconfirmed',
] as const;

const ERROR_BITS = { import: 1, sync: 2, export: 4 } as const;

/** The encoded attribute columns of an object (what the deferred run snapshots compare). */
export interface EncodedAttributes {
  hologram: EncodedMap | null;
  pendingImport: EncodedMap | null;
  pendingExport: EncodedMap | null;
  unconfirmed: EncodedMap | null;
}

/** Encodes an object's attribute maps. */
export function encodeAttributes(codec: AttributeCodec, o: CsObject): EncodedAttributes {
  return {
    hologram: codec.encodeOrNull(o.hologram),
    // A pending import always has an image, even an empty one: its encoding is never NULL, which tells it from no pending import.
    pendingImport: o.pendingImport ? codec.encode(o.pendingImport.image) : null,
    pendingExport: o.pendingExport ? codec.encode(o.pendingExport.changes) : null,
    unconfirmed: codec.encodeOrNull(o.unconfirmed),
  };
}

/** The image a run record of an import shows: the pending import's (not a delete's), else the hologram. */
export function importImage(piOp: string | null, pendingImport: EncodedMap | null, hologram: EncodedMap | null): EncodedMap | null {
  return piOp !== null && piOp !== 'delete' ? pendingImport : hologram;
}

/** SQL of the same, over the columns of cs_objects. */
export const IMPORT_IMAGE_SQL = "CASE WHEN pi_op IS NOT NULL AND pi_op <> 'delete' THEN pending_import ELSE hologram END";

/**
 * Room for growth: an object an import or a provisioning creates gains its link (and a provisioned one its anchor and
 * export time) at its next write. SQLite has no fill factor: a row that grows on a full page splits the page, and
 * the pages of a connector space written in id order end up a sixth empty. So a new row carries that many zero bytes
 * in `room`, which every update clears: the next write shrinks the row instead of growing it.
 */
export function growthRoom(o: CsObject): number {
  return (o.link ? 0 : LINK_BYTES) + (o.anchor === null && o.pendingExport?.op === 'add' ? o.dn.length + TIME_BYTES : 0);
}

/** What a link takes in a row: metaverse id, rule, kind and time. */
const LINK_BYTES = 11;
const TIME_BYTES = 6;

/** Column values of an object, in the order of COLUMNS. */
export function columnValues(names: StoreNames, o: CsObject, enc: EncodedAttributes): unknown[] {
  let kinds = 0;
  for (const [k, bit] of Object.entries(ERROR_BITS)) if (o.errors[k as keyof typeof ERROR_BITS]) kinds |= bit;
  const l = o.link;
  return [
    o.connector, o.dn, storedDnKey(o.dn), keyHash(dnKey(o.dn)), o.anchor, names.id(o.objectType), STATE_CODES[o.state], o.transient ? 1 : 0, o.mvId, l ? l.rule : null, l ? linkKind(l) : null,
    l ? timeColumn(l.at) : null, o.pendingImport?.op ?? null, o.pendingImport?.dn ?? null, o.pendingImport?.objectType ?? null, o.pendingExport?.op ?? null,
    o.pendingExport?.newDn ?? null, kinds, o.needsSync ? 1 : 0, o.seen, timeColumn(o.importedAt), timeColumn(o.exportedAt), errorsColumn(o.errors),
    enc.hologram, enc.pendingImport, enc.pendingExport, enc.unconfirmed,
  ];
}

function errorsColumn(errors: ObjectErrors): string | null {
  for (const _ in errors) return JSON.stringify(errors);
  return null;
}

/** The object of a row. */
export function objectOf(codec: AttributeCodec, names: StoreNames, r: Row): CsObject {
  let pendingImport: PendingImport | null = null;
  if (r.pi_op !== null) {
    pendingImport = { op: r.pi_op as PendingImport['op'], image: codec.decodeOrEmpty(r.pending_import) };
    if (r.pi_dn !== null) pendingImport.dn = r.pi_dn;
    if (r.pi_type !== null) pendingImport.objectType = r.pi_type;
  }
  let pendingExport: PendingExport | null = null;
  if (r.pe_op !== null) {
    pendingExport = { op: r.pe_op as PendingExport['op'], changes: codec.decodeOrEmpty(r.pending_export) };
    if (r.pe_new_dn !== null) pendingExport.newDn = r.pe_new_dn;
  }
  const k = r.link_kind;
  return {
    id: r.id, connector: r.connector, dn: r.dn, anchor: r.anchor, objectType: names.name(r.object_type), state: stateOf(r.state), transient: r.transient === 1,
    mvId: r.mv_id,
    link: k === null ? null : { rule: r.link_rule, dir: k & 4 ? 'out' : 'in', type: LINK_TYPES[k & 3], owned: (k & 8) !== 0, at: isoOf(r.link_at) ?? '' },
    hologram: codec.decodeOrEmpty(r.hologram), pendingImport, pendingExport, unconfirmed: codec.decodeOrEmpty(r.unconfirmed),
    errors: r.errors ? (JSON.parse(r.errors) as ObjectErrors) : {}, needsSync: r.needs_sync === 1, seen: r.seen,
    importedAt: isoOf(r.imported_at), exportedAt: isoOf(r.exported_at),
  };
}
