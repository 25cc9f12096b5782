// Reading objects as they are now, for a delta import that cannot take a change from its log record alone: the
// object type's LDAP filter must be evaluated by the server, an entry was renamed or moved (its whole subtree has
// new DNs), or an object was already delivered from its current state in this import.
import type { ConnectorContext, ImportChange, ImportProblem } from '../contract.ts';
import { anchorText } from './entry-mapper.ts';
import { and, eq, or } from './filter.ts';
import { guidToBytes } from './guid.ts';
import type { ImportPlan } from './import-plan.ts';
import { searchInBatches, type SearchSource } from './search-batches.ts';
import type { LdapSession } from './session.ts';

/** Anchors per search filter. */
const ANCHORS_PER_SEARCH = 200;
/** Subtrees searched at once (one connection each). */
const PARALLEL_SUBTREES = 4;

export interface CurrentState {
  readonly changes: ImportChange[];
  readonly problems: ImportProblem[];
  /** Every anchor this read delivered (as an object or as a deletion). */
  readonly anchors: Set<string>;
}

async function collect(batches: AsyncIterable<{ changes: readonly ImportChange[]; problems?: readonly ImportProblem[] }>, into: CurrentState): Promise<void> {
  for await (const b of batches) {
    into.changes.push(...b.changes);
    into.problems.push(...(b.problems ?? []));
  }
}

/** The anchor as the filter value the server compares: bytes for a binary anchor (objectGUID), else text. */
function anchorValue(plan: ImportPlan, anchor: string): string | Buffer {
  if (!plan.binaryAttributes.some((a) => a.toLowerCase() === plan.anchorAttribute.toLowerCase())) return anchor;
  return /^[0-9a-f]{8}-/i.test(anchor) ? guidToBytes(anchor) : Buffer.from(anchor, 'hex');
}

/**
 * The current state of every object in the subtrees of the entries with the `subtrees` anchors and of the objects
 * with the `anchors`: objects in scope, deletions for objects out of scope (unless `outOfScope` is 'drop'), and
 * deletions for `anchors` that no longer exist as an object of a type in scope.
 */
export async function readCurrentState(
  session: LdapSession,
  plan: ImportPlan,
  request: { readonly anchors: ReadonlySet<string>; readonly subtrees: ReadonlySet<string>; readonly outOfScope: 'drop' | 'delete' },
  ctx: ConnectorContext,
): Promise<CurrentState> {
  const state: CurrentState = { changes: [], problems: [], anchors: new Set() };
  const partitions: SearchSource[] = plan.partitions.map((base) => ({ base }));
  const options = { outOfScope: request.outOfScope, delivered: state.anchors };
  // An entry without children is read with the anchors below; a subtree search each is for containers.
  const bases = (await currentDns(session, plan, [...request.subtrees])).filter((e) => e.hasChildren).map((e) => e.dn);
  for (let i = 0; i < bases.length; i += PARALLEL_SUBTREES) {
    await collect(searchInBatches(session, plan, bases.slice(i, i + PARALLEL_SUBTREES).map((base) => ({ base })), options, ctx), state);
  }
  const wanted = [...request.anchors].filter((a) => !state.anchors.has(a));
  for (let i = 0; i < wanted.length; i += ANCHORS_PER_SEARCH) {
    const chunk = wanted.slice(i, i + ANCHORS_PER_SEARCH);
    const where = or(...chunk.map((a) => eq(plan.anchorAttribute, anchorValue(plan, a))));
    await collect(searchInBatches(session, plan, partitions, { ...options, where }, ctx), state);
  }
  for (const anchor of request.anchors) {
    if (state.anchors.has(anchor)) continue;
    state.changes.push({ kind: 'delete', anchor });
    state.anchors.add(anchor);
  }
  return state;
}

/** The anchors, among these, of entries that are objects of a type in scope now (wherever they are). */
export async function objectAnchors(session: LdapSession, plan: ImportPlan, anchors: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < anchors.length; i += ANCHORS_PER_SEARCH) {
    const filter = and(plan.filter, or(...anchors.slice(i, i + ANCHORS_PER_SEARCH).map((a) => eq(plan.anchorAttribute, anchorValue(plan, a)))));
    for (const partition of plan.partitions) {
      await session.run(`checking the types of changed entries in ${partition}`, async (client) => {
        for await (const page of client.searchPaginated(partition, {
          scope: 'sub', filter, attributes: [plan.anchorAttribute], explicitBufferAttributes: plan.binaryAttributes, paged: { pageSize: session.config.pageSize },
        })) {
          for (const e of page.searchEntries) {
            const a = anchorText(e[plan.anchorAttribute]);
            if (a) found.add(a);
          }
        }
      });
    }
  }
  return found;
}

/** Where the entries with these anchors are now (any object class), and whether they have children; entries gone are left out. */
async function currentDns(session: LdapSession, plan: ImportPlan, anchors: readonly string[]): Promise<{ dn: string; hasChildren: boolean }[]> {
  const dns: { dn: string; hasChildren: boolean }[] = [];
  for (let i = 0; i < anchors.length; i += ANCHORS_PER_SEARCH) {
    const filter = or(...anchors.slice(i, i + ANCHORS_PER_SEARCH).map((a) => eq(plan.anchorAttribute, anchorValue(plan, a))));
    for (const partition of plan.partitions) {
      await session.run(`locating renamed entries in ${partition}`, async (client) => {
        for await (const page of client.searchPaginated(partition, { scope: 'sub', filter, attributes: ['hasSubordinates'], paged: { pageSize: session.config.pageSize } })) {
          // A server that does not say is assumed to have children there.
          for (const e of page.searchEntries) dns.push({ dn: e.dn, hasChildren: String(e.hasSubordinates ?? 'TRUE').toUpperCase() !== 'FALSE' });
        }
      });
    }
  }
  return dns;
}
