// The data behind the search suites: N identities written straight into a store through its own insert functions
// (indexes, references and search text included), a batch per transaction, generated as they are written so memory
// stays flat at any size. Loading a million this way takes minutes, not the hour a full cycle would.
import { performance } from 'node:perf_hooks';
import { openStore, type Store } from '../../engine/store/store.ts';
import { relationBytes } from './store-bytes.ts';
import type { CsObject } from '../../engine/model/objects.ts';
import type { StoredAttributes } from '../../engine/model/stored-values.ts';
import type { BenchContext } from './suite.ts';

/** The demo workspace's names: the same prefixes and substrings mean the same thing at every size. */
const GIVEN = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Vint', 'Hedy', 'Tim', 'Karen', 'John', 'Sophie', 'Niklaus', 'Shafi', 'Leslie'];
const FAMILY = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Cerf', 'Lamarr', 'Berners', 'Jones', 'Backus', 'Wilson', 'Wirth', 'Goldwasser', 'Lamport'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Human Resources', 'Operations', 'Legal', 'Marketing', 'Support'];
const TITLES = ['Analyst', 'Engineer', 'Manager', 'Specialist', 'Consultant', 'Coordinator', 'Director', 'Associate'];

/** Objects per transaction. */
const BATCH = 2000;

/** One generated identity; the same index gives the same identity everywhere. */
export interface Identity {
  readonly employeeID: string;
  readonly givenName: string;
  readonly sn: string;
  readonly displayName: string;
  readonly mail: string;
  readonly department: string;
  readonly title: string;
}

/** A fixed mixing of the index, so names do not repeat in a visible period. */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  return (h ^ (h >>> 13)) >>> 0;
}

/** The identity at index `i` (employee numbers from E10001, mail as the demo writes it). */
export function identityAt(i: number): Identity {
  const givenName = GIVEN[mix(i, 1) % GIVEN.length];
  const sn = FAMILY[mix(i, 2) % FAMILY.length];
  const n = 10001 + i;
  return {
    employeeID: `E${n}`, givenName, sn, displayName: `${givenName} ${sn}`, mail: `${givenName}.${sn}.${n}@demo.example`.toLowerCase(),
    department: DEPARTMENTS[i % DEPARTMENTS.length], title: TITLES[mix(i, 3) % TITLES.length],
  };
}

/** A 16-byte identifier of index `i` in base64, as an objectGUID is stored. */
function guidOf(i: number): string {
  const b = Buffer.alloc(16);
  for (let k = 0; k < 4; k++) b.writeUInt32LE(mix(i, 10 + k), k * 4);
  return b.toString('base64');
}

/** An Active Directory user of the identity, as a full import stages it. */
export function adUserAt(connector: number, i: number): Omit<CsObject, 'id'> {
  const p = identityAt(i);
  const sam = `${p.givenName[0]}${p.sn}${i}`.toLowerCase();
  const guid = guidOf(i);
  const hologram: StoredAttributes = {
    objectGUID: [{ bin: guid }], cn: [`${p.displayName} ${i}`], displayName: [p.displayName], givenName: [p.givenName], sn: [p.sn],
    sAMAccountName: [sam], userPrincipalName: [`${sam}@demo.example`], mail: [p.mail], proxyAddresses: [`SMTP:${p.mail}`],
    employeeID: [p.employeeID], department: [p.department], title: [p.title],
  };
  return {
    connector, dn: `CN=${p.displayName} ${i},OU=${p.department},OU=Users,DC=demo,DC=example`, anchor: guid, objectType: 'user',
    state: 'connector.normal', transient: false, mvId: i + 1, link: null, hologram, pendingImport: null, pendingExport: null, unconfirmed: {},
    errors: {}, needsSync: false, seen: 1, importedAt: '2026-01-01T00:00:00.000Z', exportedAt: null,
  };
}

/** Writes `count` objects made by `make`, a batch per transaction; returns the time per object in µs. */
function load(ctx: BenchContext, store: Store, label: string, count: number, write: (i: number) => void): number {
  const started = performance.now();
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH);
    store.transaction(() => {
      for (let i = start; i < end; i++) write(i);
    });
    ctx.progress(label, end, count);
  }
  return ((performance.now() - started) * 1000) / count;
}

/** Opens (creating) the store of a data directory, with the person type and employeeID marked indexed. */
export function openSearchStore(file: string): Store {
  const store = openStore(file);
  store.schema.replace({
    objectTypes: [{ name: 'person', attributes: ['employeeID', 'givenName', 'sn', 'displayName', 'mail', 'department', 'title'] }],
    attributes: [
      { name: 'employeeID', type: 'string', multiValued: false, indexed: true },
      ...['givenName', 'sn', 'displayName', 'mail', 'department', 'title'].map((name) => ({ name, type: 'string' as const, multiValued: false, indexed: false })),
    ],
  });
  store.transaction(() => store.mv.ensureIndexed(['employeeID']));
  return store;
}

/** Writes `count` metaverse persons; returns the time per object in µs. */
export function loadMetaverse(ctx: BenchContext, store: Store, count: number): number {
  return load(ctx, store, 'writing metaverse persons', count, (i) => {
    const p = identityAt(i);
    const attrs: StoredAttributes = { employeeID: [p.employeeID], givenName: [p.givenName], sn: [p.sn], displayName: [p.displayName], mail: [p.mail], department: [p.department], title: [p.title] };
    const contrib = Object.fromEntries(Object.keys(attrs).map((a) => [a, [[1, i + 1] as [number, number]]]));
    store.mv.insert({ objectType: 'person', attrs, contrib, retryProvisioning: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
  });
}

/** Writes `count` users into a connector space; returns the time per object in µs. */
export function loadConnectorSpace(ctx: BenchContext, store: Store, connector: number, count: number): number {
  return load(ctx, store, 'writing connector space users', count, (i) => {
    store.cs.insert(adUserAt(connector, i));
  });
}

/** Bytes the tables and indexes whose names start with one of `prefixes` take (SQLite's dbstat). */
export function bytesOf(store: Store, prefixes: readonly string[]): number {
  return relationBytes(store.db).filter((r) => prefixes.some((p) => r.name.startsWith(p))).reduce((n, r) => n + r.bytes, 0);
}
