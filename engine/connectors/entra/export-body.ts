// Attribute changes → Graph JSON bodies, refusing what Graph cannot write.
import { randomBytes } from 'node:crypto';
import { isDnRef, type AttributeValue } from '../../model/values.ts';
import type { AttributeChange, ExportError } from '../contract.ts';
import { PROPERTIES, type EntraObjectType } from './graph-schema.ts';
import { localError } from './export-errors.ts';

export interface BodyPlan {
  /** Properties to set; `null` clears one. */
  readonly props: Record<string, unknown>;
  /** Multi-valued properties changed by add/delete: they need the current values first. */
  readonly incremental: readonly AttributeChange[];
  readonly membersAdd: readonly string[];
  readonly membersRemove: readonly string[];
  /** `member` replaced as a whole: the current members must be read to compute the difference. */
  readonly membersReplace?: readonly string[];
}

const OBJECT_ID = /^(?:(?:User|Group|Contact)_)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const IGNORED = new Set(['cloudAnchor']);

/** Properties Graph requires on create and refuses to clear (an update setting them to null is refused). */
export const REQUIRED: Readonly<Record<'user' | 'group', readonly string[]>> = {
  user: ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName'],
  group: ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'],
};

function scalar(value: AttributeValue): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (isDnRef(value)) return value.dn;
  return value;
}

/** The Entra object id a member reference points to (its DN is the object id, optionally `User_`-prefixed). */
export function memberId(value: AttributeValue): string | undefined {
  const text = isDnRef(value) ? value.dn : typeof value === 'string' ? value : undefined;
  const m = text === undefined ? null : OBJECT_ID.exec(text.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Builds the write plan of one object's changes, or an error naming the offending attribute. */
export function planBody(type: EntraObjectType, changes: readonly AttributeChange[], label: string, creating = false): BodyPlan | ExportError {
  const props: Record<string, unknown> = {};
  const incremental: AttributeChange[] = [];
  const membersAdd = new Set<string>();
  const membersRemove = new Set<string>();
  let membersReplace: string[] | undefined;
  for (const change of changes) {
    if (IGNORED.has(change.attribute)) continue;
    const spec = PROPERTIES[type][change.attribute];
    if (change.attribute === 'member') {
      if (type !== 'group') return localError('invalid-attribute-value', `${label}: only groups have members in Entra ID`);
      const ids: string[] = [];
      for (const v of change.values) {
        const id = memberId(v);
        if (!id) return localError('invalid-attribute-value', `${label}: member value '${String(isDnRef(v) ? v.dn : v)}' is not an Entra object id, and no Entra user or group was found for it`);
        ids.push(id);
      }
      // Later changes win over earlier ones for the same member, as when applied in order.
      if (change.op === 'add') for (const id of ids) { membersAdd.add(id); membersRemove.delete(id); }
      else if (change.op === 'delete' && ids.length > 0) for (const id of ids) { membersRemove.add(id); membersAdd.delete(id); }
      else { membersReplace = ids; membersAdd.clear(); membersRemove.clear(); }
      continue;
    }
    if (spec?.readOnly) {
      return localError('cd-error', `${label}: Microsoft Graph cannot write '${change.attribute}' on a ${type} (the property is read-only through Graph${change.attribute === 'proxyAddresses' ? '; Exchange derives it, e.g. from mail' : ''})`);
    }
    const multi = spec?.multiValued === true;
    if (multi && change.op !== 'replace' && !(change.op === 'delete' && change.values.length === 0)) {
      incremental.push(change);
      continue;
    }
    const values = change.op === 'delete' ? [] : change.values.map(scalar);
    props[change.attribute] = multi ? values : values.length > 0 ? values[0] : null;
    if (!creating && props[change.attribute] === null && type !== 'contact' && REQUIRED[type].includes(change.attribute)) {
      return localError('constraint-violation', `${label}: Microsoft Graph cannot clear '${change.attribute}' (a ${type} must have one); the synchronization rules give it no value — flow one (the default rules do)`);
    }
  }
  if (membersReplace) {
    // A replace followed by adds/deletes: fold them into the replacement list.
    membersReplace = [...new Set([...membersReplace, ...membersAdd])].filter((id) => !membersRemove.has(id));
    return { props, incremental, membersAdd: [], membersRemove: [], membersReplace };
  }
  return { props, incremental, membersAdd: [...membersAdd], membersRemove: [...membersRemove] };
}

/** Fills what Graph requires on create and the connector can derive. */
export function withCreateDefaults(type: EntraObjectType, props: Record<string, unknown>): Record<string, unknown> {
  const out = { ...props };
  if (type === 'user') {
    const upn = typeof out.userPrincipalName === 'string' ? out.userPrincipalName : '';
    const prefix = upn.split('@')[0] ?? '';
    out.accountEnabled ??= true;
    out.displayName ??= prefix;
    out.mailNickname ??= prefix.replace(/[^A-Za-z0-9.!#$%&'*+\-/=?^_`{|}~]/g, '') || undefined;
    // Sign-in uses federation or synced hashes; the cloud password is random and never stored or logged.
    out.passwordProfile = { password: `${randomBytes(18).toString('base64url')}aA1!`, forceChangePasswordNextSignIn: false };
  } else if (type === 'group') {
    out.mailEnabled ??= false;
    out.securityEnabled ??= true;
    const name = typeof out.displayName === 'string' ? out.displayName : '';
    out.mailNickname ??= name.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || undefined;
  }
  return out;
}

/** Applies add/delete changes of multi-valued properties to their current values. */
export function applyIncremental(current: Record<string, unknown>, changes: readonly AttributeChange[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const change of changes) {
    const base = (out[change.attribute] ?? current[change.attribute] ?? []) as unknown[];
    const values = change.values.map(scalar);
    out[change.attribute] = change.op === 'add'
      ? [...base, ...values.filter((v) => !base.includes(v))]
      : base.filter((v) => !values.includes(v));
  }
  return out;
}
