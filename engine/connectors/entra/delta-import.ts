// Full and delta import through Graph delta queries. A full import is a delta round without a token
// (it pages the complete state); its deltaLinks become the watermark of the next delta import.
import { WatermarkExpiredError, type ConnectorContext, type ImportChange, type ImportIterator, type ImportScope } from '../contract.ts';
import { graphErrorInfo, type GraphSession } from './graph-session.ts';
import { COLLECTION, selectFor, type EntraObjectType } from './graph-schema.ts';
import { toImportedObject, type GraphItem } from './import-mapping.ts';
import { definitionsOf, type ExtensionProperty } from './directory-extensions.ts';

interface DeltaPage {
  readonly value?: GraphItem[];
  readonly '@odata.nextLink'?: string;
  readonly '@odata.deltaLink'?: string;
}

interface Watermark {
  readonly v: 1;
  readonly links: Partial<Record<EntraObjectType, string>>;
  /** Directory extensions each link selects (a link's `$select` is opaque, so it is kept beside it). */
  readonly ext?: Partial<Record<EntraObjectType, string[]>>;
}

interface PendingGroup {
  props: GraphItem;
  members: Set<string>;
}

const TYPES: readonly EntraObjectType[] = ['user', 'group', 'contact'];
/** Groups emitted per batch; in delta rounds their member lists are read this many at a time. */
const GROUP_SLICE = 16;

/** The object types an import covers. */
function typesInScope(scope: ImportScope): EntraObjectType[] {
  return TYPES.filter((t) => !scope.objectTypes || scope.objectTypes.includes(t));
}

/** Parses a watermark made by this connector, or explains why it cannot be used. */
export function parseWatermark(text: string, types: readonly EntraObjectType[]): Watermark {
  let parsed: Watermark;
  try {
    parsed = JSON.parse(text) as Watermark;
  } catch {
    throw new WatermarkExpiredError('The Entra ID watermark is not readable; run a full import to start a new delta chain.');
  }
  if (parsed?.v !== 1 || typeof parsed.links !== 'object') {
    throw new WatermarkExpiredError('The Entra ID watermark has an unknown format; run a full import to start a new delta chain.');
  }
  for (const t of types) {
    if (!parsed.links[t]) throw new WatermarkExpiredError(`The Entra ID watermark has no delta link for ${t} objects (the import scope grew); run a full import.`);
  }
  return parsed;
}

/** Extension names a type's delta link selects, comparable across imports. */
function extensionNames(extensions: readonly ExtensionProperty[], type: EntraObjectType): string[] {
  return definitionsOf(extensions, type).map((d) => d.name.toLowerCase()).sort();
}

/**
 * A delta link selects the extensions registered when its round began: once they changed, the values of an added
 * one were never read and a removed one is refused, so only a full import can continue.
 */
function checkExtensionsUnchanged(start: Watermark, types: readonly EntraObjectType[], extensions: readonly ExtensionProperty[]): void {
  for (const type of types) {
    const before = start.ext?.[type] ?? [];
    const now = extensionNames(extensions, type);
    const added = now.filter((n) => !before.includes(n));
    const removed = before.filter((n) => !now.includes(n));
    if (added.length || removed.length) {
      throw new WatermarkExpiredError(`the directory extensions of ${type} objects changed since the last import (${[
        ...(added.length ? [`added ${added.join(', ')}`] : []), ...(removed.length ? [`removed ${removed.join(', ')}`] : [])].join('; ')}); a full import reads them`);
    }
  }
}

/**
 * Runs one delta round per object type; `watermark` null means a full import. `extensions` are the registered
 * directory extensions, read on users and groups.
 */
export async function* runDeltaImport(session: GraphSession, scope: ImportScope, watermark: string | null, ctx: ConnectorContext,
  extensions: readonly ExtensionProperty[] = []): ImportIterator {
  const types = typesInScope(scope);
  const start = watermark === null ? null : parseWatermark(watermark, types);
  if (start) checkExtensionsUnchanged(start, types, extensions);
  const include = scope.attributes ? new Set(scope.attributes) : undefined;
  const links: Partial<Record<EntraObjectType, string>> = {};
  const ext: Partial<Record<EntraObjectType, string[]>> = {};
  for (const type of types) {
    const groups = new Map<string, PendingGroup>();
    const typeExtensions = definitionsOf(extensions, type);
    ext[type] = extensionNames(extensions, type);
    let url = start?.links[type] ?? `/${COLLECTION[type]}/delta?$select=${selectFor(type, extensions)}`;
    let count = 0;
    for (;;) {
      ctx.signal.throwIfAborted();
      const page = await getPage(session, url, type);
      const changes: ImportChange[] = [];
      for (const item of page.value ?? []) {
        count++;
        if (item['@removed']) {
          groups.delete(item.id);
          if (start) changes.push({ kind: 'delete', anchor: item.id, dn: item.id });
        } else if (type === 'group') {
          mergeGroup(groups, item);
        } else {
          changes.push({ kind: 'object', object: toImportedObject(type, item, undefined, include, typeExtensions) });
        }
      }
      if (changes.length > 0) yield { changes };
      if (page['@odata.nextLink']) { url = page['@odata.nextLink']; continue; }
      if (!page['@odata.deltaLink']) throw new Error(`Microsoft Graph ended the ${type} delta round without a deltaLink`);
      links[type] = page['@odata.deltaLink'];
      break;
    }
    if (groups.size > 0) yield* emitGroups(session, groups, start !== null, include, ctx, typeExtensions);
    ctx.log('info', `Entra ${watermark === null ? 'full' : 'delta'} import: ${count} ${type} items read`);
  }
  return JSON.stringify({ v: 1, links, ext } satisfies Watermark);
}

async function getPage(session: GraphSession, url: string, type: EntraObjectType): Promise<DeltaPage> {
  try {
    return await session.get<DeltaPage>(url);
  } catch (e) {
    const info = graphErrorInfo(e);
    if (info?.status === 410) {
      throw new WatermarkExpiredError(`Microsoft Graph no longer knows the ${type} delta token (410 ${info.code}: tokens expire after 7 days or after a service-side reset); a full import is needed.`);
    }
    throw e;
  }
}

/** Graph may split one group's members over several items of a round: merge them. */
function mergeGroup(groups: Map<string, PendingGroup>, item: GraphItem): void {
  const pending = groups.get(item.id) ?? { props: { id: item.id }, members: new Set<string>() };
  for (const [key, value] of Object.entries(item)) if (key !== 'members@delta') pending.props[key] = value;
  const deltaMembers = (item['members@delta'] as Array<{ id: string; '@removed'?: unknown }> | undefined) ?? [];
  for (const m of deltaMembers) {
    if (m['@removed']) pending.members.delete(m.id);
    else pending.members.add(m.id);
  }
  groups.set(item.id, pending);
}

async function* emitGroups(session: GraphSession, groups: Map<string, PendingGroup>, incremental: boolean,
  include: ReadonlySet<string> | undefined, ctx: ConnectorContext, extensions: readonly ExtensionProperty[]): AsyncGenerator<{ changes: ImportChange[] }> {
  const all = [...groups.values()];
  for (let i = 0; i < all.length; i += GROUP_SLICE) {
    ctx.signal.throwIfAborted();
    const slice = all.slice(i, i + GROUP_SLICE);
    // A delta round carries only member changes; the full member list makes the object a complete image.
    const memberLists = incremental
      ? await Promise.all(slice.map((g) => readMembers(session, g.props.id)))
      : slice.map((g) => [...g.members]);
    const changes: ImportChange[] = [];
    slice.forEach((group, k) => {
      const members = memberLists[k];
      if (members !== undefined) changes.push({ kind: 'object', object: toImportedObject('group', group.props, members, include, extensions) });
    });
    if (changes.length > 0) yield { changes };
  }
}

/** All member ids of a group, or undefined when the group is gone (the next round reports its removal). */
async function readMembers(session: GraphSession, groupId: string): Promise<string[] | undefined> {
  const ids: string[] = [];
  let url = `/groups/${groupId}/members?$select=id&$top=999`;
  try {
    for (;;) {
      const page = await session.get<{ value?: Array<{ id: string }>; '@odata.nextLink'?: string }>(url);
      for (const m of page.value ?? []) ids.push(m.id);
      if (!page['@odata.nextLink']) return ids;
      url = page['@odata.nextLink'];
    }
  } catch (e) {
    if (graphErrorInfo(e)?.status === 404) return undefined;
    throw e;
  }
}
