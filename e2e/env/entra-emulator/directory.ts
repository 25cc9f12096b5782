// The emulated tenant's directory: users, groups and organizational contacts, unique-value indexes,
// soft and hard deletion, group membership, and the change sequence that delta queries read.
import { randomUUID } from 'node:crypto';
import { badRequest, conflict, notFound } from './graph-fault.ts';
import { ApplicationRegistry } from './applications.ts';

export type ObjectKind = 'user' | 'group' | 'contact';
export type Props = Record<string, unknown>;

export interface DirectoryObject {
  readonly id: string;
  readonly kind: ObjectKind;
  props: Props;
  /** Soft-deleted (in the recycle bin); its unique values are free for active objects. */
  deleted: boolean;
  /** Sequence number of the last change (properties, deletion or membership). */
  seq: number;
  readonly members: Set<string>;
}

export interface Tombstone {
  readonly id: string;
  readonly kind: ObjectKind;
  readonly seq: number;
}

export interface MembershipChange {
  readonly seq: number;
  readonly memberId: string;
  readonly op: 'add' | 'remove';
}

export interface Domain {
  readonly id: string;
  readonly isDefault: boolean;
  readonly isInitial: boolean;
  readonly isVerified: boolean;
}

/**
 * Properties whose values must be unique across the tenant, per object kind. A group's mailNickname is unique
 * only among Microsoft 365 groups (checked separately): security groups may share one.
 */
const UNIQUE: Record<ObjectKind, readonly string[]> = {
  user: ['userPrincipalName', 'onPremisesImmutableId', 'proxyAddresses'],
  group: ['proxyAddresses'],
  contact: ['proxyAddresses'],
};

function unified(props: Props): boolean {
  return Array.isArray(props.groupTypes) && props.groupTypes.includes('Unified');
}

const ODATA_TYPE: Record<ObjectKind, string> = {
  user: '#microsoft.graph.user',
  group: '#microsoft.graph.group',
  contact: '#microsoft.graph.orgContact',
};

/** The Graph `@odata.type` of an object kind. */
export function odataType(kind: ObjectKind): string {
  return ODATA_TYPE[kind];
}

function uniqueKeys(property: string, value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  // Proxy addresses are unique without their prefix case (SMTP: vs smtp:), as in Exchange.
  return values.map((v) => `${property === 'proxyAddresses' ? 'proxy' : property}:${String(v).toLowerCase()}`);
}

/** An in-memory tenant directory. */
export class Directory {
  readonly objects = new Map<string, DirectoryObject>();
  readonly tombstones = new Map<string, Tombstone>();
  readonly memberLog = new Map<string, MembershipChange[]>();
  readonly domains: Domain[];
  /** Application objects and the directory extensions they define. */
  readonly applications = new ApplicationRegistry();
  private readonly index = new Map<string, string>();
  private upnIndex = new Map<string, string>();
  seq = 0;

  constructor(initialDomain: string) {
    this.domains = [{ id: initialDomain, isDefault: true, isInitial: true, isVerified: true }];
  }

  /** Creates an object after checking unique values; returns it. */
  create(kind: ObjectKind, props: Props, id: string = randomUUID()): DirectoryObject {
    const normalized = normalizeMail(kind, { ...props });
    this.checkUnique(kind, id, normalized);
    const obj: DirectoryObject = { id, kind, props: normalized, deleted: false, seq: ++this.seq, members: new Set() };
    this.objects.set(id, obj);
    this.indexValues(obj, normalized, true);
    return obj;
  }

  /** The object holding a unique value (`proxyAddresses` entries compare without their prefix case), if indexed. */
  findByUnique(property: string, value: unknown): DirectoryObject | undefined | 'not-indexed' {
    if (!Object.values(UNIQUE).some((props) => props.includes(property))) return 'not-indexed';
    const id = this.index.get(uniqueKeys(property, value)[0] ?? '');
    return id === undefined ? undefined : this.objects.get(id);
  }

  /** Finds a live or soft-deleted object by id (or, for users, by userPrincipalName). */
  find(idOrUpn: string): DirectoryObject | undefined {
    const byId = this.objects.get(idOrUpn);
    if (byId) return byId;
    const id = this.upnIndex.get(idOrUpn.toLowerCase());
    return id ? this.objects.get(id) : undefined;
  }

  /** A live object of the given kind, or a 404 fault. */
  live(kind: ObjectKind, idOrUpn: string): DirectoryObject {
    const obj = this.find(idOrUpn);
    if (!obj || obj.deleted || obj.kind !== kind) throw notFound(idOrUpn);
    return obj;
  }

  /** Replaces the given properties (null clears one). */
  update(obj: DirectoryObject, changes: Props): void {
    const merged = normalizeMail(obj.kind, { ...obj.props, ...changes }, 'mail' in changes);
    const touched: Props = {};
    for (const key of Object.keys(merged)) if (merged[key] !== obj.props[key]) touched[key] = merged[key];
    this.checkUnique(obj.kind, obj.id, touched, merged);
    this.indexValues(obj, obj.props, false);
    obj.props = merged;
    this.indexValues(obj, merged, true);
    obj.seq = ++this.seq;
  }

  /**
   * Moves an object to the recycle bin. Its unique values are released: a new active user may take a deleted
   * user's userPrincipalName (restoring the deleted one then needs another name, as Graph's restore documents).
   */
  softDelete(obj: DirectoryObject): void {
    obj.deleted = true;
    obj.seq = ++this.seq;
    this.indexValues(obj, obj.props, false);
    for (const group of this.objects.values()) if (group.members.delete(obj.id)) this.logMember(group, obj.id, 'remove');
  }

  /** Brings a soft-deleted object back; refused (ObjectConflict) while an active object holds one of its unique values. */
  restore(obj: DirectoryObject): void {
    this.checkUnique(obj.kind, obj.id, obj.props);
    obj.deleted = false;
    obj.seq = ++this.seq;
    this.indexValues(obj, obj.props, true);
  }

  /** Removes an object for good; delta queries then report it as deleted. */
  hardDelete(obj: DirectoryObject): void {
    if (!obj.deleted) this.softDelete(obj);
    else this.indexValues(obj, obj.props, false);
    this.objects.delete(obj.id);
    this.tombstones.set(obj.id, { id: obj.id, kind: obj.kind, seq: ++this.seq });
  }

  /** Adds a member; Graph refuses a reference that already exists. */
  addMember(group: DirectoryObject, memberId: string): void {
    const member = this.find(memberId);
    if (!member || member.deleted) throw notFound(memberId);
    if (group.members.has(member.id)) {
      throw badRequest("One or more added object references already exist for the following modified properties: 'members'.");
    }
    group.members.add(member.id);
    this.logMember(group, member.id, 'add');
  }

  /**
   * Removes a member. A reference to no existing object answers 404; an existing object that is not a member
   * answers 400, as Graph does ("One or more removed object references do not exist…").
   */
  removeMember(group: DirectoryObject, memberId: string): void {
    const member = this.find(memberId);
    if (!member || member.deleted) throw notFound(memberId);
    if (!group.members.delete(member.id)) {
      throw badRequest("One or more removed object references do not exist for the following modified properties: 'members'.");
    }
    this.logMember(group, member.id, 'remove');
  }

  private logMember(group: DirectoryObject, memberId: string, op: 'add' | 'remove'): void {
    group.seq = ++this.seq;
    const log = this.memberLog.get(group.id) ?? [];
    log.push({ seq: group.seq, memberId, op });
    this.memberLog.set(group.id, log);
  }

  private checkUnique(kind: ObjectKind, id: string, props: Props, merged: Props = props): void {
    if (kind === 'group' && unified(merged) && typeof merged.mailNickname === 'string') {
      const nickname = merged.mailNickname.toLowerCase();
      for (const other of this.objects.values()) {
        if (other.id !== id && other.kind === 'group' && unified(other.props) && String(other.props.mailNickname ?? '').toLowerCase() === nickname) throw conflict('mailNickname');
      }
    }
    for (const property of UNIQUE[kind]) {
      if (!(property in props)) continue;
      for (const key of uniqueKeys(property, props[property])) {
        const owner = this.index.get(key);
        if (owner !== undefined && owner !== id) throw conflict(property);
      }
    }
  }

  private indexValues(obj: DirectoryObject, props: Props, add: boolean): void {
    for (const property of UNIQUE[obj.kind]) {
      for (const key of uniqueKeys(property, props[property])) {
        if (add) this.index.set(key, obj.id);
        else if (this.index.get(key) === obj.id) this.index.delete(key);
      }
    }
    const upn = obj.kind === 'user' ? props.userPrincipalName : undefined;
    if (typeof upn === 'string') {
      if (add) this.upnIndex.set(upn.toLowerCase(), obj.id);
      else this.upnIndex.delete(upn.toLowerCase());
    }
  }
}

/** Setting `mail` makes it the primary SMTP proxy address, as Exchange does. */
function normalizeMail(kind: ObjectKind, props: Props, mailChanged = true): Props {
  if (kind === 'contact' || !mailChanged || typeof props.mail !== 'string') return props;
  const mail = props.mail;
  const others = ((props.proxyAddresses as string[] | undefined) ?? [])
    .filter((p) => p.slice(5).toLowerCase() !== mail.toLowerCase())
    .map((p) => (p.startsWith('SMTP:') ? `smtp:${p.slice(5)}` : p));
  return { ...props, proxyAddresses: [`SMTP:${mail}`, ...others] };
}
