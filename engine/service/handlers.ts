// Handler types derived from the contract: one function per method, typed by its schemas.
import type { z } from 'zod';
import type { MethodDef } from '../../shared/api.ts';

/** Handlers for a group of methods: each receives the validated request. */
export type HandlersFor<Ms extends Record<string, MethodDef>> = {
  [K in keyof Ms]: (request: z.output<Ms[K]['request']>) => Promise<z.input<Ms[K]['response']>> | z.input<Ms[K]['response']>;
};

/** A handler group that owns resources (a database, connections) to release at shutdown. */
export interface HandlerGroup<Ms extends Record<string, MethodDef>> {
  readonly handlers: HandlersFor<Ms>;
  close(): Promise<void> | void;
}
