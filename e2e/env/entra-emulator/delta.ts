// Delta queries: opaque tokens over the directory's change sequence, `@removed` for soft and hard deletes,
// `members@delta` for groups, `410 Gone` for tokens from before a reset.
import { GraphFault } from './graph-fault.ts';
import { odataType, type Directory, type DirectoryObject, type ObjectKind } from './directory.ts';
import { parseSelect, project } from './object-rules.ts';

export interface DeltaOptions {
  readonly pageSize: number;
  /** Member changes per group item; a longer list repeats the group item, as Graph does. */
  readonly membersPerItem: number;
  /** Emit every item twice (Graph may replay the same change). */
  readonly duplicateItems: boolean;
}

interface DeltaState {
  /** Changes after this sequence number are reported (0 = initial round, full state). */
  readonly f: number;
  /** Sequence number when the round started: the next round reports changes after it. Changes made while
   *  the round is paged are reported in this round when reached and again in the next (a replay, never a loss). */
  readonly u: number;
  /** Keyset position: last object id returned. */
  readonly a?: string;
  readonly s: string | null;
  /** Token generation; tokens from an older generation answer 410. */
  readonly e: number;
}

type Item = Record<string, unknown>;

function encode(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decode(token: string): DeltaState | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
    return typeof v.f === 'number' && typeof v.e === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Delta query engine for one directory. */
export class DeltaService {
  /** Bumped by resetTokens(); older tokens become unusable. */
  generation = 1;

  constructor(private readonly dir: Directory, private readonly options: () => DeltaOptions) {}

  /** Invalidates every issued delta token (the next use answers 410 Gone). */
  resetTokens(): void {
    this.generation++;
  }

  /** Answers `GET /{collection}/delta`. */
  query(kind: ObjectKind, collection: string, query: URLSearchParams, linkBase: string): Record<string, unknown> {
    const self = `${linkBase}/${collection}/delta`;
    const deltaToken = query.get('$deltatoken');
    const skipToken = query.get('$skiptoken');
    if (query.has('$top') || query.has('$orderby') || query.has('$expand')) {
      throw new GraphFault(400, 'Request_UnsupportedQuery', 'The delta query does not support $top, $orderby or $expand for directory objects.');
    }
    let state: DeltaState;
    if (deltaToken === 'latest') {
      parseSelect(kind, query.get('$select'), this.dir.applications);
      return { '@odata.context': `${linkBase}/$metadata#${collection}`, value: [],
        '@odata.deltaLink': `${self}?$deltatoken=${encode({ f: this.dir.seq, u: 0, s: query.get('$select'), e: this.generation })}` };
    } else if (deltaToken !== null || skipToken !== null) {
      const decoded = decode(deltaToken ?? skipToken ?? '');
      if (!decoded || decoded.e !== this.generation) {
        throw new GraphFault(410, 'syncStateNotFound',
          'The sync state generation is not found. The delta token is expired or invalid; restart the synchronization with a full resync.',
          undefined, { Location: `${self}?$deltatoken=` });
      }
      state = deltaToken !== null ? { f: decoded.f, u: this.dir.seq, s: decoded.s, e: decoded.e } : decoded;
    } else {
      state = { f: 0, u: this.dir.seq, s: query.get('$select'), e: this.generation };
    }
    // Every round checks its selected extensions: a definition deleted since the token was issued is refused.
    parseSelect(kind, state.s, this.dir.applications);
    return this.page(kind, collection, state, linkBase, self);
  }

  private page(kind: ObjectKind, collection: string, state: DeltaState, linkBase: string, self: string): Record<string, unknown> {
    const { pageSize, duplicateItems } = this.options();
    const candidates = this.changedSince(kind, state).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const start = state.a === undefined ? 0 : candidates.findIndex((c) => c.id > state.a!);
    const slice = start < 0 ? [] : candidates.slice(start, start + pageSize);
    const value: Item[] = [];
    for (const entry of slice) {
      for (const item of this.items(entry, state)) {
        value.push(item);
        if (duplicateItems) value.push(structuredClone(item));
      }
    }
    const done = start < 0 || start + pageSize >= candidates.length;
    const out: Record<string, unknown> = { '@odata.context': `${linkBase}/$metadata#${collection}`, value };
    if (done) out['@odata.deltaLink'] = `${self}?$deltatoken=${encode({ f: state.u, u: 0, s: state.s, e: state.e })}`;
    else out['@odata.nextLink'] = `${self}?$skiptoken=${encode({ ...state, a: slice[slice.length - 1]!.id })}`;
    return out;
  }

  private changedSince(kind: ObjectKind, state: DeltaState): Array<{ id: string; obj?: DirectoryObject; hard?: boolean }> {
    const out: Array<{ id: string; obj?: DirectoryObject; hard?: boolean }> = [];
    for (const obj of this.dir.objects.values()) {
      if (obj.kind !== kind || obj.seq <= state.f) continue;
      if (state.f === 0 && obj.deleted) continue;
      out.push({ id: obj.id, obj });
    }
    if (state.f > 0) {
      for (const t of this.dir.tombstones.values()) {
        if (t.kind === kind && t.seq > state.f) out.push({ id: t.id, hard: true });
      }
    }
    return out;
  }

  private items(entry: { id: string; obj?: DirectoryObject; hard?: boolean }, state: DeltaState): Item[] {
    if (entry.hard) return [{ id: entry.id, '@removed': { reason: 'deleted' } }];
    const obj = entry.obj!;
    if (obj.deleted) return [{ id: obj.id, '@removed': { reason: 'changed' } }];
    const select = parseSelect(obj.kind, state.s, this.dir.applications);
    const item = project(obj, select);
    if (obj.kind !== 'group' || !(state.s === null || select.includes('members'))) return [item];
    const members = this.memberChanges(obj, state);
    if (members.length === 0) return [item];
    const { membersPerItem } = this.options();
    const items: Item[] = [];
    for (let i = 0; i < members.length; i += membersPerItem) {
      items.push({ ...(i === 0 ? item : { id: obj.id }), 'members@delta': members.slice(i, i + membersPerItem) });
    }
    return items;
  }

  private memberChanges(group: DirectoryObject, state: DeltaState): Item[] {
    const typeOf = (id: string): string => {
      const m = this.dir.objects.get(id) ?? this.dir.tombstones.get(id);
      return m ? odataType(m.kind) : '#microsoft.graph.directoryObject';
    };
    if (state.f === 0) return [...group.members].map((id) => ({ '@odata.type': typeOf(id), id }));
    const net = new Map<string, 'add' | 'remove'>();
    for (const change of this.dir.memberLog.get(group.id) ?? []) {
      if (change.seq > state.f) net.set(change.memberId, change.op);
    }
    return [...net].map(([id, op]) => (op === 'add'
      ? { '@odata.type': typeOf(id), id }
      : { '@odata.type': typeOf(id), id, '@removed': { reason: 'deleted' } }));
  }
}
