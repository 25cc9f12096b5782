// The one API contract: every method with its request and response schema, and every event.
// Both hosts (Electron IPC and the headless WebSocket), the renderer client and the CLI derive from it;
// method names double as channel names, so no channel or payload shape is written anywhere else.
import type { z } from 'zod';
import { systemMethods } from './api/system.ts';
import { engineMethods } from './api/engine.ts';
import { workspaceMethods } from './api/workspace.ts';
import { wizardMethods } from './api/wizard.ts';
import { entraConnectMethods } from './api/entra-connect.ts';
import { migrationMethods } from './api/migration.ts';
import { consoleMethods } from './api/console.ts';
import { rulesMethods } from './api/rules.ts';
import { apiEvents, type EventName, type EventPayload } from './api/events.ts';

export { apiEvents };
export type { EventName, EventPayload } from './api/events.ts';
export type { MethodDef } from './api/define.ts';

/** Every API method, by name. */
export const apiMethods = { ...systemMethods, ...engineMethods, ...workspaceMethods, ...wizardMethods, ...entraConnectMethods, ...migrationMethods, ...rulesMethods, ...consoleMethods } as const;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
/** What a caller passes (defaults may be omitted). */
export type RequestOf<M extends MethodName> = z.input<ApiMethods[M]['request']>;
/** What a handler receives after validation. */
export type ParsedRequestOf<M extends MethodName> = z.output<ApiMethods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<ApiMethods[M]['response']>;

/** The object the renderer talks to (`window.idsync`), whatever host provides it. */
export interface IdSyncApi {
  call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Which host serves this console. */
  readonly host: 'electron' | 'web';
}

/** An error crossing the API boundary: code, readable message, optional detail behind a toggle. */
export interface ApiErrorShape {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
}

/** True when `name` is a method of the contract (hosts check before relaying). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, name);
}
