// JSON batching: up to 20 requests, unique ids, `dependsOn` ordering with 424 for failed dependencies,
// and per-item statuses (throttling included) inside an outer 200.
import { GraphFault } from './graph-fault.ts';
import { executeGraph, type PipelineParts } from './pipeline.ts';
import type { GraphReply } from './graph-routes.ts';
import type { IssuedToken } from './identity.ts';

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly dependsOn?: readonly string[];
}

const MAX_BATCH = 20;

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw new GraphFault(400, 'BadRequest', 'Invalid batch payload format.');
  if (requests.length > MAX_BATCH) throw new GraphFault(400, 'BadRequest', `Number of requests in the batch exceeds the limit of ${MAX_BATCH}.`);
  const seen = new Set<string>();
  for (const r of requests as BatchItem[]) {
    if (typeof r?.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') throw new GraphFault(400, 'BadRequest', 'Invalid batch payload format.');
    const key = r.id.toLowerCase();
    if (seen.has(key)) throw new GraphFault(400, 'BadRequest', `Batch request ids must be unique; '${r.id}' is repeated.`);
    seen.add(key);
  }
  for (const r of requests as BatchItem[]) {
    for (const d of r.dependsOn ?? []) if (!seen.has(d.toLowerCase())) throw new GraphFault(400, 'BadRequest', `Request '${r.id}' depends on unknown request '${d}'.`);
  }
  // "Batch should be either fully sequential or fully parallel" (json-batching.md): either no request has
  // dependsOn, or only one request starts the sequence and every other one depends on another request.
  const roots = (requests as BatchItem[]).filter((r) => !r.dependsOn?.length).length;
  if (roots !== requests.length && roots !== 1) throw new GraphFault(400, 'BadRequest', 'Batch should be either fully sequential or fully parallel.');
  return requests as BatchItem[];
}

function hasContentType(headers: Record<string, string> | undefined): boolean {
  return Object.keys(headers ?? {}).some((k) => k.toLowerCase() === 'content-type');
}

/** Answers `POST /$batch`; the outer reply is 200 unless the payload itself is malformed. */
export function executeBatch(parts: PipelineParts, body: unknown, caller: IssuedToken, clientRequestId: string): GraphReply {
  const items = parseItems(body);
  const results = new Map<string, GraphReply>();
  const order: string[] = [];
  const pending = [...items];
  while (pending.length > 0) {
    const index = pending.findIndex((i) => (i.dependsOn ?? []).every((d) => results.has(d.toLowerCase())));
    if (index < 0) throw new GraphFault(400, 'BadRequest', 'The dependsOn graph of the batch has a cycle.');
    const item = pending.splice(index, 1)[0]!;
    const failedDependency = (item.dependsOn ?? []).some((d) => { const s = results.get(d.toLowerCase())!.status; return s < 200 || s >= 300; });
    let reply: GraphReply;
    if (failedDependency) {
      reply = { status: 424, body: { error: { code: 'FailedDependency', message: 'Failed dependency.' } } };
    } else if (item.body !== undefined && !hasContentType(item.headers)) {
      reply = { status: 400, body: { error: { code: 'BadRequest', message: 'Content-Type header is required when a request has a body.' } } };
    } else {
      reply = runItem(parts, item, caller, clientRequestId);
    }
    results.set(item.id.toLowerCase(), reply);
    order.push(item.id);
    parts.batchLog.push({ id: item.id, method: item.method, url: item.url, status: reply.status, dependsOn: item.dependsOn ?? [] });
  }
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i.id]));
  return {
    status: 200,
    body: { responses: order.map((id) => {
      const r = results.get(id.toLowerCase())!;
      return { id: byId.get(id.toLowerCase()), status: r.status, headers: r.headers ?? {}, ...(r.body !== undefined ? { body: r.body } : {}) };
    }) },
  };
}

function runItem(parts: PipelineParts, item: BatchItem, caller: IssuedToken, clientRequestId: string): GraphReply {
  if (!item.url.startsWith('/')) return { status: 400, body: { error: { code: 'BadRequest', message: 'Batch item URLs must be relative to the version, e.g. /users.' } } };
  const url = new URL(item.url, 'https://batch.invalid');
  if (/^\/(v1\.0|beta)(\/|$)/.test(url.pathname)) {
    const segment = url.pathname.split('/')[1]!;
    return { status: 400, body: { error: { code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` } } };
  }
  try {
    return executeGraph(parts, { method: item.method.toUpperCase(), path: url.pathname, query: url.searchParams, body: item.body }, caller, clientRequestId, true);
  } catch (e) {
    if (e instanceof GraphFault) return { status: e.status, body: { error: { code: e.code, message: e.message } } };
    throw e;
  }
}

