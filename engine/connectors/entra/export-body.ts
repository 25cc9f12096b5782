// Attribute changes → Graph JSON bodies, refusing what Graph cannot write.
import { randomBytes } from 'node:crypto';
import { isDnRef, type AttributeValue } from '../../model/values.ts';
import type { AttributeChange, ExportError } from '../contract.ts';
import { PROPERTIES, type EntraObjectType } from './graph-schema.ts';
import { localError } from './export-errors.ts';
import { definitionFor, extensionPrefix, isExtensionAttribute, type ExtensionProperty } from './directory-extensions.ts';
import { dataTypeOf, toGraphValue } from './extension-values.ts';

/** An add or delete of values of a multi-valued property, the values already in Graph's JSON form. */
export interface GraphValueChange {
  readonly attribute: string;
  readonly op: 'add' | 'delete';
  readonly values: readonly unknown[];
}

/** The directory extensions an export may write: the definitions, and the application they belong to. */
export interface ExtensionScope {
  readonly definitions: readonly ExtensionProperty[];
  /** The connector's extension application (absent when none is configured). */
  readonly appId?: string;
}

export interface BodyPlan {
  /** Properties to set; `null` clears one. */
  readonly props: Record<string, unknown>;
  /** Multi-valued properties changed by add/delete: they need the current values first. */
  readonly incremental: readonly GraphValueChange[];
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

/** What to do about an extension attribute no definition declares on the object type. */
function unregistered(label: string, type: EntraObjectType, change: AttributeChange, scope: ExtensionScope): ExportError {
  const attribute = change.attribute;
  const target = type === 'group' ? 'Group' : 'User';
  const ours = scope.appId !== undefined && attribute.toLowerCase().startsWith(extensionPrefix(scope.appId));
  const name = ours ? attribute.slice(extensionPrefix(scope.appId!).length) : attribute;
  const registeredElsewhere = scope.definitions.find((d) => d.name.toLowerCase() === attribute.toLowerCase());
  const what = registeredElsewhere
    ? `the directory extension '${attribute}' is registered for ${registeredElsewhere.targetObjects.join(', ')} objects only, not for ${target} objects; definitions cannot be changed: remove it and register it again for both (idsync entra extension remove ${name}; idsync entra extension add ${name} --type ${registeredElsewhere.dataType} --targets ${[...registeredElsewhere.targetObjects, target].join(',')}), which hides the values written so far until they are exported again`
    : scope.appId === undefined
      ? `'${attribute}' is a directory extension, and the connector has no extension application: set extensionApp.appId to the application that defines it`
      : ours
        ? `the directory extension '${attribute}' is not registered in Entra ID: register it (idsync entra extension add ${name} --type ${dataTypeOf(change.values) ?? 'String'} --targets ${target}${change.values.length > 1 ? ' --multi-valued' : ''}, or Synchronization Rules → Directory extensions → Register without a flow), or set extensionApp.createMissing to register it on first export`
        : `'${attribute}' is not a directory extension of the connector's extension application ${scope.appId} (its names start with ${extensionPrefix(scope.appId)})`;
  return localError('schema-violation', `${label}: ${what}`);
}

/** Builds the write plan of one object's changes, or an error naming the offending attribute. */
export function planBody(type: EntraObjectType, changes: readonly AttributeChange[], label: string, creating = false,
  extensions: ExtensionScope = { definitions: [] }): BodyPlan | ExportError {
  const props: Record<string, unknown> = {};
  const incremental: GraphValueChange[] = [];
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
    if (isExtensionAttribute(change.attribute)) {
      const def = definitionFor(extensions.definitions, type, change.attribute);
      const clears = change.op === 'delete' || change.values.length === 0;
      // An object holds no value of an extension that is not registered: clearing one is already done.
      if (!def) { if (clears) continue; return unregistered(label, type, change, extensions); }
      const values: unknown[] = [];
      for (const v of change.op === 'delete' && change.values.length === 0 ? [] : change.values) {
        const converted = toGraphValue(def, v);
        if (!('value' in converted)) return localError(converted.code, `${label}: ${def.name}: ${converted.reason}`);
        values.push(converted.value);
      }
      if (def.isMultiValued && change.op !== 'replace' && values.length > 0) { incremental.push({ attribute: def.name, op: change.op, values }); continue; }
      if (!def.isMultiValued && values.length > 1 && change.op !== 'delete') {
        return localError('invalid-attribute-value', `${label}: ${def.name} is a single-valued directory extension and gets ${values.length} values`);
      }
      props[def.name] = change.op === 'delete' ? null : def.isMultiValued ? (values.length > 0 ? values : null) : values[0] ?? null;
      continue;
    }
    if (spec?.readOnly) {
      return localError('cd-error', `${label}: Microsoft Graph cannot write '${change.attribute}' on a ${type} (the property is read-only through Graph${change.attribute === 'proxyAddresses' ? '; Exchange derives it, e.g. from mail' : ''})`);
    }
    const multi = spec?.multiValued === true;
    if (multi && change.op !== 'replace' && !(change.op === 'delete' && change.values.length === 0)) {
      incremental.push({ attribute: change.attribute, op: change.op, values: change.values.map(scalar) });
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
export function applyIncremental(current: Record<string, unknown>, changes: readonly GraphValueChange[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const change of changes) {
    const base = (out[change.attribute] ?? current[change.attribute] ?? []) as unknown[];
    const values = change.values;
    out[change.attribute] = change.op === 'add'
      ? [...base, ...values.filter((v) => !base.includes(v))]
      : base.filter((v) => !values.includes(v));
  }
  return out;
}
