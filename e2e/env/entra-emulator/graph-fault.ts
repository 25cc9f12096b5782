// A Graph error response as Graph spells it: HTTP status, code, message and optional details.

export interface GraphErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

/** Thrown inside the emulator to answer with a Graph error body. */
export class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: readonly GraphErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Builds Graph's error body `{error:{code,message,details?,innerError:{date,request-id,client-request-id}}}`. */
export function graphErrorBody(fault: GraphFault, requestId: string, clientRequestId: string): unknown {
  return {
    error: {
      code: fault.code,
      message: fault.message,
      ...(fault.details ? { details: fault.details } : {}),
      innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}

/** 404 for an unknown object, worded as Graph words it. */
export function notFound(id: string): GraphFault {
  return new GraphFault(404, 'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

/** 400 for a unique-value conflict (Graph reports ObjectConflict in details). */
export function conflict(property: string): GraphFault {
  const message = `Another object with the same value for property ${property} already exists.`;
  return new GraphFault(400, 'Request_BadRequest', message, [{ code: 'ObjectConflict', message, target: property }]);
}

/** 400 with Request_BadRequest. */
export function badRequest(message: string): GraphFault {
  return new GraphFault(400, 'Request_BadRequest', message);
}
