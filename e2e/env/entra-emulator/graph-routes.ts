// One Graph request (outside or inside `$batch`): routing, permissions, reads with paging, and writes.
import { GraphFault, badRequest, notFound } from './graph-fault.ts';
import { odataType, type Directory, type DirectoryObject, type ObjectKind, type Props } from './directory.ts';
import { planFilter, type FilterPlan } from './odata-filter.ts';
import { checkNotMastered, checkWritable, parseSelect, project, refuseContactWrite } from './object-rules.ts';
import type { DeltaService } from './delta.ts';
import type { IssuedToken } from './identity.ts';
import { requireRole } from './permissions.ts';
import { routeApplications } from './application-routes.ts';
import { checkExtensionValues } from './extension-values.ts';

export interface GraphRequest {
  readonly method: string;
  /** Path after the version segment, e.g. `/users/abc`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export interface GraphReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface RouteContext {
  readonly dir: Directory;
  readonly delta: DeltaService;
  readonly tenantId: string;
  /** `https://127.0.0.1:PORT/v1.0` */
  readonly linkBase: () => string;
  readonly pageSize: () => number;
}

const COLLECTIONS: Record<string, ObjectKind> = { users: 'user', groups: 'group', contacts: 'contact' };
const READ_ROLES = ['Directory.Read.All', 'Directory.ReadWrite.All', 'User.Read.All', 'User.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All'];
const WRITE_ROLES: Record<ObjectKind, readonly string[]> = {
  user: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  group: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  contact: ['Directory.ReadWrite.All'],
};

/** True for methods that change the directory (and count against the write quota). */
export function isWrite(method: string): boolean {
  return method !== 'GET';
}

function bodyObject(body: unknown): Props {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('A JSON object is expected in the request body.');
  return body as Props;
}

function refIds(values: unknown): string[] {
  if (!Array.isArray(values)) throw badRequest("Invalid value for 'members@odata.bind'.");
  return values.map((v) => {
    const m = /\/(?:directoryObjects|users|groups|contacts)\/([^/?]+)$/.exec(String(v));
    if (!m) throw badRequest(`Invalid object identifier '${String(v)}'.`);
    return m[1]!;
  });
}

/** Handles one Graph request for `caller`; throws GraphFault for Graph errors. */
export function routeGraph(ctx: RouteContext, req: GraphRequest, caller: IssuedToken): GraphReply {
  const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third, fourth, fifth] = segments;
  if (first === undefined) throw badRequest('Invalid request URL.');
  if (first === 'v1.0' || first === 'beta') throw badRequest(`Resource not found for the segment '${first}'.`);
  // Application objects have permissions of their own (Application.*).
  if (/^applications(\(|$)/.test(first)) return routeApplications(ctx, req, caller, segments);
  if (req.method === 'GET') requireRole(caller, READ_ROLES);

  if (first === 'domains' && req.method === 'GET' && !second) {
    return { status: 200, body: { '@odata.context': `${ctx.linkBase()}/$metadata#domains`, value: ctx.dir.domains } };
  }
  if (first === 'organization' && req.method === 'GET' && !second) {
    return { status: 200, body: { '@odata.context': `${ctx.linkBase()}/$metadata#organization`, value: [{
      id: ctx.tenantId, displayName: 'Emulated tenant',
      verifiedDomains: ctx.dir.domains.map((d) => ({ name: d.id, isDefault: d.isDefault, isInitial: d.isInitial })),
    }] } };
  }
  if (first === 'directory' && second === 'deletedItems' && third) {
    const obj = ctx.dir.find(third);
    if (!obj || !obj.deleted) throw notFound(third);
    requireRole(caller, WRITE_ROLES[obj.kind]);
    if (req.method === 'DELETE' && !fourth) { ctx.dir.hardDelete(obj); return { status: 204 }; }
    if (req.method === 'POST' && fourth === 'restore') { ctx.dir.restore(obj); return { status: 200, body: project(obj, parseSelect(obj.kind, null)) }; }
  }

  const kind = COLLECTIONS[first];
  if (!kind) throw badRequest(`Resource not found for the segment '${first}'.`);
  if (isWrite(req.method)) {
    if (kind === 'contact') throw refuseContactWrite(req.method);
    requireRole(caller, WRITE_ROLES[kind]);
  }

  if (!second) {
    if (req.method === 'GET') return list(ctx, kind, first, req.query);
    if (req.method === 'POST') return create(ctx, kind, bodyObject(req.body));
  } else if (second === 'delta' && req.method === 'GET') {
    return { status: 200, body: ctx.delta.query(kind, first, req.query, ctx.linkBase()) };
  } else {
    const obj = ctx.dir.live(kind, second);
    if (!third) {
      if (req.method === 'GET') return { status: 200, body: { '@odata.context': `${ctx.linkBase()}/$metadata#${first}/$entity`, ...project(obj, parseSelect(kind, req.query.get('$select'), ctx.dir.applications)) } };
      if (req.method === 'PATCH') return patch(ctx, obj, bodyObject(req.body));
      if (req.method === 'DELETE') { checkNotMastered(obj, 'delete'); ctx.dir.softDelete(obj); return { status: 204 }; }
    } else if (kind === 'group' && third === 'members') {
      if (!fourth && req.method === 'GET') return listMembers(ctx, obj, req.query);
      if (fourth === '$ref' && req.method === 'POST') {
        checkNotMastered(obj, 'members');
        const [id] = refIds([bodyObject(req.body)['@odata.id']]);
        ctx.dir.addMember(obj, id!);
        return { status: 204 };
      }
      if (fourth && fifth === '$ref' && req.method === 'DELETE') {
        checkNotMastered(obj, 'members');
        ctx.dir.removeMember(obj, fourth);
        return { status: 204 };
      }
    }
  }
  throw badRequest(`The request ${req.method} ${req.path} is not supported.`);
}

function page<T>(items: T[], idOf: (t: T) => string, query: URLSearchParams, max: number): { slice: T[]; next?: string } {
  const topText = query.get('$top');
  const top = topText === null ? max : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 999) throw new GraphFault(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${topText ?? ''}'. Must be between 1 and 999 inclusive.`);
  const skip = query.get('$skiptoken');
  const after = skip ? Buffer.from(skip, 'base64url').toString('utf8') : undefined;
  const start = after === undefined ? 0 : items.findIndex((i) => idOf(i) > after);
  const slice = start < 0 ? [] : items.slice(start, start + top);
  const more = start >= 0 && start + top < items.length;
  return { slice, next: more ? Buffer.from(idOf(slice[slice.length - 1]!)).toString('base64url') : undefined };
}

function nextLink(ctx: RouteContext, path: string, query: URLSearchParams, token: string): string {
  // Graph keeps the `$` of system query options literal in its links.
  const parts: string[] = [];
  for (const key of ['$select', '$filter', '$top']) { const v = query.get(key); if (v !== null) parts.push(`${key}=${encodeURIComponent(v)}`); }
  parts.push(`$skiptoken=${token}`);
  return `${ctx.linkBase()}/${path}?${parts.join('&')}`;
}

function list(ctx: RouteContext, kind: ObjectKind, collection: string, query: URLSearchParams): GraphReply {
  const filterText = query.get('$filter');
  const plan = filterText ? planFilter(filterText) : undefined;
  const filter = plan?.predicate;
  const select = parseSelect(kind, query.get('$select'), ctx.dir.applications);
  const matches = [...candidates(ctx, plan)]
    .filter((o) => o.kind === kind && !o.deleted && (!filter || filter((key) => (key === 'id' ? o.id : o.props[key]))))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const { slice, next } = page(matches, (o) => o.id, query, ctx.pageSize());
  return { status: 200, body: {
    '@odata.context': `${ctx.linkBase()}/$metadata#${collection}`,
    value: slice.map((o) => project(o, select)),
    ...(next ? { '@odata.nextLink': nextLink(ctx, collection, query, next) } : {}),
  } };
}

/** Objects a filter may match: from the unique-value indexes when the filter allows it, else all. */
function candidates(ctx: RouteContext, plan: FilterPlan | undefined): Iterable<DirectoryObject> {
  const lookups = plan?.lookups;
  if (!lookups) return ctx.dir.objects.values();
  const found = new Set<DirectoryObject>();
  for (const { property, value } of lookups) {
    if (property === 'id') { const o = ctx.dir.objects.get(String(value)); if (o) found.add(o); continue; }
    const hit = ctx.dir.findByUnique(property, value);
    if (hit === 'not-indexed') return ctx.dir.objects.values();
    if (hit) found.add(hit);
  }
  return found;
}

function listMembers(ctx: RouteContext, group: DirectoryObject, query: URLSearchParams): GraphReply {
  const members = [...group.members].sort().map((id) => ctx.dir.objects.get(id)).filter((m): m is DirectoryObject => !!m);
  const { slice, next } = page(members, (m) => m.id, query, ctx.pageSize());
  const selectText = query.get('$select');
  return { status: 200, body: {
    '@odata.context': `${ctx.linkBase()}/$metadata#directoryObjects`,
    value: slice.map((m) => ({ '@odata.type': odataType(m.kind), ...project(m, parseSelect(m.kind, selectText)) })),
    ...(next ? { '@odata.nextLink': nextLink(ctx, `groups/${group.id}/members`, query, next) } : {}),
  } };
}

function splitBinds(body: Props): { props: Props; members: string[] } {
  const props: Props = {};
  let members: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'members@odata.bind') members = refIds(value);
    else if (key === 'owners@odata.bind') refIds(value);
    else props[key] = value;
  }
  if (members.length > 20) throw badRequest('Too many references: at most 20 members can be added in one request.');
  return { props, members };
}

function create(ctx: RouteContext, kind: ObjectKind, body: Props): GraphReply {
  const split = splitBinds(body);
  const members = split.members;
  checkWritable(kind, split.props, true, ctx.dir.domains.map((d) => d.id));
  const props = checkExtensionValues(ctx.dir.applications, kind, split.props);
  for (const id of members) if (!ctx.dir.find(id) || ctx.dir.find(id)!.deleted) throw notFound(id);
  delete props.passwordProfile;
  const obj = ctx.dir.create(kind, { ...props, createdDateTime: new Date().toISOString() });
  for (const id of members) ctx.dir.addMember(obj, id);
  const collection = kind === 'user' ? 'users' : 'groups';
  return { status: 201, body: { '@odata.context': `${ctx.linkBase()}/$metadata#${collection}/$entity`, ...project(obj, [...Object.keys(obj.props), 'id']) } };
}

function patch(ctx: RouteContext, obj: DirectoryObject, body: Props): GraphReply {
  const split = splitBinds(body);
  const members = split.members;
  checkWritable(obj.kind, split.props, false, ctx.dir.domains.map((d) => d.id));
  const props = checkExtensionValues(ctx.dir.applications, obj.kind, split.props, obj.props);
  checkNotMastered(obj, members.length > 0 ? 'members' : Object.keys(props));
  // All-or-nothing for member references, as Graph documents.
  for (const id of members) {
    const m = ctx.dir.find(id);
    if (!m || m.deleted) throw notFound(id);
    if (obj.members.has(m.id)) throw badRequest("One or more added object references already exist for the following modified properties: 'members'.");
  }
  delete props.passwordProfile;
  if (Object.keys(props).length > 0) ctx.dir.update(obj, props);
  for (const id of members) ctx.dir.addMember(obj, id);
  return { status: 204 };
}
