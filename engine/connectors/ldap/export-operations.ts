// The LDAP operations of an export, each safe to repeat: an export interrupted after the directory applied it and
// before the engine recorded it is sent again on the next run, and must then succeed without changing anything.
// An add whose entry exists with the same values is confirmed, a delete of an entry already gone is done, a
// rename already made is confirmed by the anchor at the new DN, a modify already applied succeeds.
import { Attribute, Change, type Client, ResultCodeError } from 'ldapts';
import type { AttributeChange, AttributeValue, ExportChange, ExportResult } from '../contract.ts';
import { dnKey, foldValue } from '../../model/dn.ts';
import { POST_READ_OID, PostReadControl } from './controls.ts';
import { modifyDnTarget } from './dn.ts';
import { anchorText } from './entry-mapper.ts';
import type { DirectorySchema } from './schema.ts';
import { parseLdapTime, toWire } from './values.ts';

const NO_SUCH_OBJECT = 32;
const ALREADY_EXISTS = 68;
const NO_SUCH_ATTRIBUTE = 16;
const VALUE_EXISTS = 20;
/** Write-only attributes: never read back, so never compared. */
const PASSWORDS = new Set(['unicodepwd', 'userpassword']);

export interface OperationEnv {
  readonly client: Client;
  readonly schema: DirectorySchema;
  readonly anchorAttribute: string;
  readonly supportedControls: ReadonlySet<string>;
}

function code(error: unknown): number | undefined {
  return error instanceof ResultCodeError ? error.code : undefined;
}

/** AD wants a new password as the UTF-16LE bytes of the quoted string. */
function wireValue(attribute: string, value: AttributeValue): string | Buffer {
  if (attribute.toLowerCase() === 'unicodepwd' && typeof value === 'string') return Buffer.from(`"${value}"`, 'utf16le');
  return toWire(value);
}

/** The values of one attribute as ldapts sends them (one kind per attribute). */
export function wireValues(c: AttributeChange): Buffer[] | string[] {
  const values = c.values.map((v) => wireValue(c.attribute, v));
  return values.some((v) => typeof v !== 'string') ? values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v)) : (values as string[]);
}

/** A form of a value in which two spellings the directory treats as equal are equal. */
function comparable(schema: DirectorySchema, attribute: string, value: string | Buffer): string {
  const type = schema.attributes.get(attribute.toLowerCase())?.type ?? 'string';
  if (type === 'binary') return `#${(Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8')).toString('hex')}`;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  if (type === 'reference') return dnKey(text);
  if (type === 'datetime') return String(parseLdapTime(text)?.getTime() ?? text);
  if (type === 'integer' && /^-?\d+$/.test(text.trim())) return BigInt(text.trim()).toString();
  return foldValue(text);
}

/** Reads the listed attributes of an entry as comparable value sets; undefined when the entry does not exist. */
async function readComparable(env: OperationEnv, dn: string, attributes: readonly string[]): Promise<{ values: Map<string, Set<string>>; anchor?: string } | undefined> {
  const binary = [env.anchorAttribute, ...attributes.filter((a) => env.schema.attributes.get(a.toLowerCase())?.type === 'binary')];
  let entries;
  try {
    ({ searchEntries: entries } = await env.client.search(dn, { scope: 'base', attributes: [...attributes, env.anchorAttribute], explicitBufferAttributes: binary }));
  } catch (error) {
    if (code(error) === NO_SUCH_OBJECT) return undefined;
    throw error;
  }
  const entry = entries[0];
  if (!entry) return undefined;
  const values = new Map<string, Set<string>>();
  for (const [key, raw] of Object.entries(entry)) {
    if (key === 'dn') continue;
    const list = (Array.isArray(raw) ? raw : [raw]) as (string | Buffer)[];
    values.set(key.toLowerCase(), new Set(list.map((v) => comparable(env.schema, key, v))));
  }
  const rawAnchor = [entry[env.anchorAttribute] ?? []].flat()[0] as Buffer | undefined;
  return { values, anchor: rawAnchor ? anchorOf(env, rawAnchor) : undefined };
}

/** The anchor's text: AD GUIDs in their usual form, other binary anchors as hex, text anchors as they are. */
function anchorOf(env: OperationEnv, raw: Buffer): string | undefined {
  return env.schema.attributes.get(env.anchorAttribute.toLowerCase())?.type === 'binary' ? anchorText(raw) : raw.toString('utf8');
}

/** The first sent attribute whose values the entry does not hold (objectClass: the entry may hold more). */
function firstDifference(env: OperationEnv, changes: readonly AttributeChange[], held: Map<string, Set<string>>): string | undefined {
  for (const c of changes) {
    if (c.values.length === 0 || PASSWORDS.has(c.attribute.toLowerCase())) continue;
    const sent = new Set(wireValues(c).map((v) => comparable(env.schema, c.attribute, v)));
    const have = held.get(c.attribute.toLowerCase()) ?? new Set<string>();
    const subset = [...sent].every((v) => have.has(v));
    if (!subset || (c.attribute.toLowerCase() !== 'objectclass' && have.size !== sent.size)) return c.attribute;
  }
  return undefined;
}

/** Adds an entry, or confirms it when it exists with the values sent (a repeated export); returns its anchor. */
export async function addOrConfirm(env: OperationEnv, change: ExportChange, changes: readonly AttributeChange[]): Promise<ExportResult> {
  const attributes = changes.filter((c) => c.values.length > 0).map((c) => new Attribute({ type: c.attribute, values: wireValues(c) }));
  const postRead = env.supportedControls.has(POST_READ_OID) ? new PostReadControl([env.anchorAttribute]) : undefined;
  try {
    await env.client.add(change.dn, attributes, postRead);
  } catch (error) {
    if (code(error) !== ALREADY_EXISTS) throw error;
    const existing = await readComparable(env, change.dn, changes.map((c) => c.attribute).filter((a) => !PASSWORDS.has(a.toLowerCase())));
    const differs = existing ? firstDifference(env, changes, existing.values) : 'the entry';
    if (differs !== undefined || !existing) {
      throw Object.assign(error as Error, { message: `${(error as Error).message} (the entry there differs in ${differs})` });
    }
    return { csId: change.csId, ok: true, anchor: existing.anchor, dn: change.dn, matchedExisting: true };
  }
  const fromPostRead = postRead?.entry?.[env.anchorAttribute.toLowerCase()]?.[0];
  let anchor = fromPostRead ? anchorOf(env, fromPostRead) : undefined;
  anchor ??= (await readComparable(env, change.dn, []))?.anchor;
  return { csId: change.csId, ok: true, anchor, dn: change.dn };
}

/** Deletes an entry; one already gone counts as deleted. */
export async function deleteIfPresent(env: OperationEnv, dn: string): Promise<void> {
  try {
    await env.client.del(dn);
  } catch (error) {
    if (code(error) !== NO_SUCH_OBJECT) throw error;
  }
}

/** Renames or moves an entry (deleteOldRdn); an entry already at the new DN with the same anchor counts as renamed. */
export async function renameOrConfirm(env: OperationEnv, change: ExportChange, newDn: string): Promise<void> {
  try {
    await env.client.modifyDN(change.dn, modifyDnTarget(newDn));
  } catch (error) {
    if (code(error) !== NO_SUCH_OBJECT || !change.anchor) throw error;
    const there = await readComparable(env, newDn, []);
    if (there?.anchor?.toLowerCase() !== change.anchor.toLowerCase()) throw error;
  }
}

/** Applies modifications; values already added or already removed (a repeated export) are not an error. */
export async function modifyOrConfirm(env: OperationEnv, dn: string, changes: readonly AttributeChange[]): Promise<void> {
  const send = (list: readonly AttributeChange[]) =>
    env.client.modify(dn, list.map((c) => new Change({ operation: c.op, modification: new Attribute({ type: c.attribute, values: wireValues(c) }) })));
  try {
    await send(changes);
  } catch (error) {
    if (code(error) !== VALUE_EXISTS && code(error) !== NO_SUCH_ATTRIBUTE) throw error;
    const held = await readComparable(env, dn, [...new Set(changes.map((c) => c.attribute))]);
    if (!held) throw error;
    const remaining = stillNeeded(env, changes, held.values);
    if (remaining.length === changes.length && remaining.every((c, i) => c === changes[i])) throw error;
    if (remaining.length > 0) await send(remaining);
  }
}

/** The modifications, without the values the entry already has (adds) or already lacks (deletes). */
function stillNeeded(env: OperationEnv, changes: readonly AttributeChange[], held: Map<string, Set<string>>): AttributeChange[] {
  const out: AttributeChange[] = [];
  for (const c of changes) {
    const have = held.get(c.attribute.toLowerCase()) ?? new Set<string>();
    if (c.op === 'replace' || PASSWORDS.has(c.attribute.toLowerCase())) {
      out.push(c);
      continue;
    }
    if (c.op === 'delete' && c.values.length === 0) {
      if (have.size > 0) out.push(c);
      continue;
    }
    const wire = wireValues(c);
    const values = c.values.filter((_, i) => have.has(comparable(env.schema, c.attribute, wire[i])) === (c.op === 'delete'));
    if (values.length === c.values.length) out.push(c);
    else if (values.length > 0) out.push({ ...c, values });
  }
  return out;
}
