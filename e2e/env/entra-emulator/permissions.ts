// Application permissions (the token's `roles`) a Graph request needs; delegated tokens act as the administrator.
import { GraphFault } from './graph-fault.ts';
import type { IssuedToken } from './identity.ts';

/** 403 as Graph answers a missing permission. */
export function denied(): GraphFault {
  return new GraphFault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

/** True when the caller holds one of the roles (or signed in as a user). */
export function hasRole(caller: IssuedToken, roles: readonly string[]): boolean {
  return Boolean(caller.user) || caller.roles.some((r) => roles.includes(r));
}

/** Refuses the request unless the caller holds one of the roles. */
export function requireRole(caller: IssuedToken, roles: readonly string[]): void {
  if (!hasRole(caller, roles)) throw denied();
}
