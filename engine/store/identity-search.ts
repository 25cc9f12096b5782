// Read-only lookups behind the console's global search: exact anchor, DN and indexed-value matches, then
// substring matches over the values of identity attributes, in every connector space and the metaverse.
import type Database from 'better-sqlite3';
import { dnKey } from '../model/dn.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { valueKey, valueText } from '../model/stored-values.ts';
import type { AttributeCodec } from './attribute-codec.ts';
import type { StoreNames } from './store-names.ts';
import { DN_KEY_MATCH, dnKeyParams, PLACEHOLDER } from './cs-columns.ts';

/** What the lookups read through: the database and its attribute encoding. */
export interface SearchSource {
  readonly db: Database.Database;
  readonly codec: AttributeCodec;
  readonly names: StoreNames;
}

/** Attributes that name or identify a person, group or device; substring matches look only at these. */
export const IDENTITY_ATTRIBUTES: ReadonlySet<string> = new Set(
  [
    'userPrincipalName', 'mail', 'displayName', 'cn', 'name', 'givenName', 'sn', 'employeeID', 'employeeId', 'employeeNumber', 'uid',
    'sAMAccountName', 'accountName', 'onPremisesSamAccountName', 'onPremisesImmutableId', 'sourceAnchor', 'objectGUID', 'objectId', 'id',
    'onPremisesDistinguishedName', 'onPremisesUserPrincipalName', 'mailNickname', 'proxyAddresses', 'groupID', 'groupId',
  ].map((a) => a.toLowerCase()),
);

/** A candidate row: where it is and its attributes. */
export interface FoundCs {
  readonly id: number; readonly connector: number; readonly dn: string; readonly anchor: string | null; readonly objectType: string;
  readonly mvId: number | null; readonly attrs: StoredAttributes;
}
export interface FoundMv {
  readonly id: number; readonly objectType: string; readonly attrs: StoredAttributes;
}

interface CsRow {
  id: number; connector: number; dn: string; anchor: string | null; object_type: number; mv_id: number | null; hologram: string | null;
  pi_op: string | null; pending_import: string | null; pe_op: string | null; pending_export: string | null;
}

function toCs({ codec, names }: SearchSource, r: CsRow): FoundCs {
  // A new object has only its pending import, a provisioned one only its pending export: search what the engine knows.
  const attrs = {
    ...(r.pe_op !== null && r.pe_op !== 'delete' ? codec.decodeOrEmpty(r.pending_export) : {}),
    ...codec.decodeOrEmpty(r.hologram),
    ...(r.pi_op !== null && r.pi_op !== 'delete' ? codec.decodeOrEmpty(r.pending_import) : {}),
  };
  return { id: r.id, connector: r.connector, dn: r.dn, anchor: r.anchor, objectType: names.name(r.object_type), mvId: r.mv_id, attrs };
}

const CS_COLUMNS = 'id, connector, dn, anchor, object_type, mv_id, hologram, pi_op, pending_import, pe_op, pending_export';

/** Connector space objects whose anchor or DN equals the text (placeholders left out). */
export function csExact(source: SearchSource, connectors: readonly number[], text: string): FoundCs[] {
  const { db } = source;
  const byAnchor = db.prepare(`SELECT ${CS_COLUMNS} FROM cs_objects WHERE connector = ? AND anchor = ?`);
  const byDn = db.prepare(`SELECT ${CS_COLUMNS} FROM cs_objects WHERE connector = ? AND ${DN_KEY_MATCH} AND state <> ${PLACEHOLDER}`);
  const toFound = (r: CsRow) => toCs(source, r);
  let key: string | null;
  try {
    key = text.includes('=') ? dnKey(text) : null;
  } catch {
    // Not a DN after all: only the anchor can match.
    key = null;
  }
  const out: FoundCs[] = [];
  for (const c of connectors) {
    out.push(...(byAnchor.all(c, text) as CsRow[]).map(toFound));
    if (key) out.push(...(byDn.all(c, ...dnKeyParams(key)) as CsRow[]).map(toFound));
  }
  return out;
}

/** Metaverse objects with an indexed attribute equal to the text (case-insensitive). */
export function mvExact({ db, codec, names }: SearchSource, indexed: readonly string[], text: string): FoundMv[] {
  const find = db.prepare('SELECT mv_id FROM mv_index WHERE attr = ? AND value = ? LIMIT 50');
  const get = db.prepare('SELECT id, object_type, attrs FROM mv_objects WHERE id = ?');
  const ids = new Set<number>();
  for (const attr of indexed) {
    const name = names.existingId(attr);
    if (name !== undefined) for (const r of find.all(name, valueKey(text)) as { mv_id: number }[]) ids.add(r.mv_id);
  }
  return [...ids].map((id) => get.get(id) as { id: number; object_type: number; attrs: string }).filter(Boolean)
    .map((r) => ({ id: r.id, objectType: names.name(r.object_type), attrs: codec.decode(r.attrs) }));
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Up to `limit` connector space objects whose DN or identity attributes contain the text. */
export function csContaining(source: SearchSource, connectors: readonly number[], text: string, limit: number): FoundCs[] {
  const stmt = source.db.prepare(
    `SELECT ${CS_COLUMNS} FROM cs_objects WHERE connector = ? AND state <> ${PLACEHOLDER} AND (dn LIKE ? ESCAPE '\\' OR hologram LIKE ? ESCAPE '\\' OR pending_import LIKE ? ESCAPE '\\' OR pending_export LIKE ? ESCAPE '\\')`,
  );
  const like = likePattern(text);
  const out: FoundCs[] = [];
  for (const c of connectors) {
    for (const r of stmt.iterate(c, like, like, like, like) as IterableIterator<CsRow>) {
      const o = toCs(source, r);
      if (o.dn.toLowerCase().includes(text.toLowerCase()) || identityMatch(o.attrs, text)) out.push(o);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Up to `limit` metaverse objects whose identity attributes contain the text. */
export function mvContaining({ db, codec, names }: SearchSource, text: string, limit: number): FoundMv[] {
  const out: FoundMv[] = [];
  for (const r of db.prepare("SELECT id, object_type, attrs FROM mv_objects WHERE attrs LIKE ? ESCAPE '\\'").iterate(likePattern(text)) as IterableIterator<{ id: number; object_type: number; attrs: string }>) {
    const attrs = codec.decode(r.attrs);
    if (identityMatch(attrs, text)) out.push({ id: r.id, objectType: names.name(r.object_type), attrs });
    if (out.length >= limit) break;
  }
  return out;
}

/** The first identity attribute whose value contains the text (case-insensitive), with that value. */
export function identityMatch(attrs: StoredAttributes, text: string): { attribute: string; value: string; exact: boolean } | null {
  const want = text.toLowerCase();
  let partial: { attribute: string; value: string; exact: boolean } | null = null;
  for (const [attribute, values] of Object.entries(attrs)) {
    if (!IDENTITY_ATTRIBUTES.has(attribute.toLowerCase())) continue;
    for (const v of values) {
      const value = valueText(v);
      const lower = value.toLowerCase();
      if (lower === want) return { attribute, value, exact: true };
      if (!partial && lower.includes(want)) partial = { attribute, value, exact: false };
    }
  }
  return partial;
}
