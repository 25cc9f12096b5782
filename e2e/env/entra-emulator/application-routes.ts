// `/applications`: application objects (addressed by object id or `applications(appId='…')`) and their directory
// extension definitions, `/applications/{id}/extensionProperties` (list, get, create, delete; never updated).
import { GraphFault, badRequest } from './graph-fault.ts';
import { planFilter } from './odata-filter.ts';
import { definitionJson, type Application } from './applications.ts';
import { denied, hasRole } from './permissions.ts';
import type { GraphReply, GraphRequest, RouteContext } from './graph-routes.ts';
import type { IssuedToken } from './identity.ts';
import type { Props } from './directory.ts';

const READ = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const WRITE = ['Application.ReadWrite.All', 'Directory.ReadWrite.All'];
const OWNED_BY = ['Application.ReadWrite.OwnedBy'];

function owns(caller: IssuedToken, app: Application): boolean {
  return hasRole(caller, OWNED_BY) && app.owners.has(caller.clientId);
}

function canRead(caller: IssuedToken, app: Application): boolean {
  return hasRole(caller, READ) || owns(caller, app);
}

function appJson(app: Application): Record<string, unknown> {
  return { id: app.id, appId: app.appId, displayName: app.displayName, createdDateTime: app.createdDateTime, deletedDateTime: null };
}

/** `applications(appId='…')` → `{appId}`, `applications` + id segment → `{id}`. */
function address(first: string, second: string | undefined): { key: { id: string } | { appId: string }; rest: number } | undefined {
  const m = /^applications\(appId='([^']*)'\)$/.exec(first);
  if (m) return { key: { appId: m[1]! }, rest: 1 };
  if (first === 'applications' && second) return { key: { id: second }, rest: 2 };
  if (first !== 'applications') throw badRequest(`Resource not found for the segment '${first}'.`);
  return undefined;
}

function bodyObject(body: unknown): Props {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('A JSON object is expected in the request body.');
  return body as Props;
}

/** Handles a request under `/applications`. */
export function routeApplications(ctx: RouteContext, req: GraphRequest, caller: IssuedToken, segments: readonly string[]): GraphReply {
  const registry = ctx.dir.applications;
  const at = address(segments[0]!, segments[1]);
  if (!at) {
    if (req.method !== 'GET') throw badRequest(`The request ${req.method} ${req.path} is not supported.`);
    if (!hasRole(caller, [...READ, ...OWNED_BY])) throw denied();
    const filter = req.query.get('$filter');
    const predicate = filter ? planFilter(filter).predicate : undefined;
    const apps = [...registry.apps.values()]
      .filter((a) => canRead(caller, a))
      .map(appJson)
      .filter((a) => !predicate || predicate((key) => a[key]));
    return { status: 200, body: { '@odata.context': `${ctx.linkBase()}/$metadata#applications`, value: apps } };
  }
  const app = registry.find(at.key);
  if (!canRead(caller, app)) throw denied();
  const [sub, id, extra] = segments.slice(at.rest);
  if (sub === undefined) {
    if (req.method === 'GET') return { status: 200, body: { '@odata.context': `${ctx.linkBase()}/$metadata#applications/$entity`, ...appJson(app) } };
    throw badRequest(`The request ${req.method} ${req.path} is not supported.`);
  }
  if (sub !== 'extensionProperties' || extra !== undefined) throw badRequest(`Resource not found for the segment '${sub}'.`);
  const context = `${ctx.linkBase()}/$metadata#applications('${app.id}')/extensionProperties`;
  if (req.method === 'GET' && id === undefined) {
    const filter = req.query.get('$filter');
    const predicate = filter ? planFilter(filter).predicate : undefined;
    const value = [...app.extensions.values()].map((d) => definitionJson(app, d)).filter((d) => !predicate || predicate((key) => d[key]));
    return { status: 200, body: { '@odata.context': context, value } };
  }
  if (req.method === 'GET') {
    const def = app.extensions.get(id!);
    if (!def) throw new GraphFault(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    return { status: 200, body: { '@odata.context': `${context}/$entity`, ...definitionJson(app, def) } };
  }
  if (!(hasRole(caller, WRITE) || owns(caller, app))) throw denied();
  if (req.method === 'POST' && id === undefined) {
    const def = registry.create(app, bodyObject(req.body));
    return { status: 201, body: { '@odata.context': `${context}/$entity`, ...definitionJson(app, def) } };
  }
  if (req.method === 'DELETE' && id !== undefined) {
    registry.remove(app, id);
    return { status: 204 };
  }
  if (req.method === 'PATCH' && id !== undefined) {
    // Definitions are immutable so that extensions in use never change under their users.
    throw new GraphFault(405, 'Request_BadRequest', 'Directory extension definitions cannot be updated; delete the definition and create a new one.');
  }
  throw badRequest(`The request ${req.method} ${req.path} is not supported.`);
}
