// Every Graph request passes here: injected faults, the write quota, the route, the write log,
// and conversion of faults into Graph error bodies.
import { randomUUID } from 'node:crypto';
import { GraphFault, graphErrorBody } from './graph-fault.ts';
import { isWrite, routeGraph, type GraphReply, type GraphRequest, type RouteContext } from './graph-routes.ts';
import type { FaultInjector, WriteQuota } from './throttle.ts';
import type { IssuedToken } from './identity.ts';

export interface WriteLogEntry {
  readonly at: number;
  readonly clientId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Id of the created object (POST to a collection). */
  readonly createdId?: string;
  readonly inBatch: boolean;
}

export interface BatchItemLogEntry {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly dependsOn: readonly string[];
}

export interface PipelineParts {
  readonly route: RouteContext;
  readonly quota: WriteQuota;
  readonly faults: FaultInjector;
  readonly writeLog: WriteLogEntry[];
  /** Every `$batch` item with the status it got. */
  readonly batchLog: BatchItemLogEntry[];
  /** Writes answered 429 because of the quota. */
  throttled: number;
}

function errorReply(fault: GraphFault, clientRequestId: string): GraphReply {
  return {
    status: fault.status,
    headers: { 'Content-Type': 'application/json', ...fault.headers },
    body: graphErrorBody(fault, randomUUID(), clientRequestId),
  };
}

function throttledFault(retryAfterSeconds: number, scope: string): GraphFault {
  return new GraphFault(429, 'TooManyRequests', 'Too many requests. The request was throttled; retry after the time given in the Retry-After header.',
    undefined, { 'Retry-After': String(retryAfterSeconds), 'x-ms-throttle-scope': scope, 'x-ms-throttle-information': 'ResourceUnitLimitExceeded' });
}

/** Runs one Graph request through faults, quota, route and write log. */
export function executeGraph(parts: PipelineParts, req: GraphRequest, caller: IssuedToken, clientRequestId: string, inBatch: boolean): GraphReply {
  const write = isWrite(req.method);
  const fault = parts.faults.take(req.method, req.path);
  if (fault && !fault.afterApply) {
    return errorReply(fault.status === 429
      ? throttledFault(fault.retryAfterSeconds ?? 1, 'Tenant_Application/ReadWrite')
      : new GraphFault(fault.status, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry the request.', undefined,
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {}), clientRequestId);
  }
  if (write) {
    const decision = parts.quota.tryConsume(caller.clientId);
    if (!decision.ok) {
      parts.throttled++;
      return errorReply(throttledFault(decision.retryAfterSeconds, 'Tenant_Application/ReadWrite'), clientRequestId);
    }
  }
  let reply: GraphReply;
  try {
    reply = routeGraph(parts.route, req, caller);
  } catch (e) {
    if (!(e instanceof GraphFault)) throw e;
    reply = errorReply(e, clientRequestId);
  }
  if (write) {
    const created = reply.status === 201 ? (reply.body as { id?: string }).id : undefined;
    parts.writeLog.push({ at: Date.now(), clientId: caller.clientId, method: req.method, path: req.path, status: reply.status, createdId: created, inBatch });
  }
  if (fault?.afterApply) {
    return errorReply(new GraphFault(fault.status, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry the request.', undefined,
      { 'Retry-After': String(fault.retryAfterSeconds ?? 1) }), clientRequestId);
  }
  // Graph announces the load above 80 % of the limit so clients can slow down before a 429.
  const load = write ? parts.quota.used(caller.clientId) / parts.quota.options.limit : 0;
  const loadHeader: Record<string, string> = load > 0.8 ? { 'x-ms-throttle-limit-percentage': load.toFixed(1) } : {};
  return { ...reply, headers: { 'x-ms-resource-unit': '1', ...loadHeader, ...(reply.headers ?? {}) } };
}
