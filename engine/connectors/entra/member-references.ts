// Group members must reach Graph as object ids. The default rules name an Entra object `CN={hex of its
// sourceAnchor}` until its id is known; a reference can still carry that name when the member was provisioned
// in an earlier cycle but the metaverse has not seen its id yet. Such references are looked up: a user by its
// onPremisesImmutableId (the sourceAnchor), a group by the mailNickname the default rules give it (its
// objectGUID as text) when it has no Exchange alias.
import { formatGuid } from '../../expressions/guid.ts';
import { isDnRef, type AttributeValue } from '../../model/values.ts';
import type { ConnectorContext, ExportChange } from '../contract.ts';
import { memberId } from './export-body.ts';
import { graphErrorInfo, type GraphSession } from './graph-session.ts';

const ANCHOR_NAME = /^CN=\{([0-9A-Fa-f]+)\}$/;
const LOOKUPS_IN_FLIGHT = 4;

/** The sourceAnchor an anchor-based name `CN={hex}` encodes, or undefined for any other value. */
export function sourceAnchorOfName(dn: string): string | undefined {
  const m = ANCHOR_NAME.exec(dn.trim());
  if (!m || m[1]!.length % 2 !== 0) return undefined;
  return Buffer.from(m[1]!, 'hex').toString('utf8');
}

/** A Base64 objectGUID as the text StringFromGuid gives; undefined if it is not 16 bytes of Base64. */
export function guidTextOfBase64(anchor: string): string | undefined {
  const b = Buffer.from(anchor, 'base64');
  return b.length === 16 && b.toString('base64') === anchor ? formatGuid(b) : undefined;
}

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The id of the one object a filter finds, or undefined. */
async function findOne(session: GraphSession, collection: 'users' | 'groups', filter: string): Promise<string | undefined> {
  const page = await session.get<{ value?: Array<{ id: string }> }>(`/${collection}?$filter=${encodeURIComponent(filter)}&$select=id`);
  const found = page.value ?? [];
  return found.length === 1 ? found[0]!.id.toLowerCase() : undefined;
}

/** Looks up the Entra object an anchor-based member name stands for. */
async function lookUp(session: GraphSession, dn: string): Promise<string | undefined> {
  const anchor = sourceAnchorOfName(dn);
  if (!anchor) return undefined;
  const user = await findOne(session, 'users', `onPremisesImmutableId eq ${odataString(anchor)}`);
  if (user) return user;
  const guid = guidTextOfBase64(anchor);
  return guid ? findOne(session, 'groups', `mailNickname eq ${odataString(guid)}`) : undefined;
}

/** Replaces anchor-based member names by object ids where Entra knows the object; other values stay as they are. */
export async function resolveMemberNames(session: GraphSession, batch: readonly ExportChange[], ctx: ConnectorContext): Promise<ExportChange[]> {
  const names = new Set<string>();
  for (const change of batch) {
    for (const c of change.changes) {
      if (c.attribute !== 'member') continue;
      for (const v of c.values) if (isDnRef(v) && !memberId(v) && sourceAnchorOfName(v.dn)) names.add(v.dn);
    }
  }
  if (names.size === 0) return [...batch];
  const ids = new Map<string, string>();
  const queue = [...names];
  await Promise.all(Array.from({ length: Math.min(LOOKUPS_IN_FLIGHT, queue.length) }, async () => {
    for (let dn = queue.shift(); dn !== undefined; dn = queue.shift()) {
      ctx.signal.throwIfAborted();
      try {
        const id = await lookUp(session, dn);
        if (id) ids.set(dn, id);
      } catch (e) {
        // A refused lookup leaves the name as it is: the object's export then fails naming it.
        if (!graphErrorInfo(e)) throw e;
        ctx.log('warn', `Entra export: looking up member ${dn} failed: ${(e as Error).message}`);
      }
    }
  }));
  ctx.log('info', `Entra export: ${ids.size} of ${names.size} member reference(s) named by sourceAnchor resolved to object ids`);
  const rewrite = (v: AttributeValue): AttributeValue => (isDnRef(v) && ids.has(v.dn) ? { dn: ids.get(v.dn)! } : v);
  return batch.map((change) => ({
    ...change,
    changes: change.changes.map((c) => (c.attribute === 'member' ? { ...c, values: c.values.map(rewrite) } : c)),
  }));
}
