// S-33: the end result does not depend on the order in which connectors are imported and synchronized.
import { afterEach, describe, expect, it } from 'vitest';
import { memoryDirectory } from '../connectors/test-connector/index.ts';
import { createFixture, ldapOutboundRule, type Fixture } from './test-fixture.ts';

let fx: Fixture | null = null;
afterEach(() => fx?.close());

const FORESTS = ['f1', 'f2', 'f3'] as const;

/** One fixture with three source forests whose users overlap, and the LDAP target. */
async function runInOrder(order: readonly string[]) {
  fx = createFixture(false);
  fx.engine.saveRule(ldapOutboundRule());
  FORESTS.forEach((f, i) => {
    fx!.engine.createConnector({ id: f, name: f, type: 'test', config: { directory: `${f}-${fx!.dir}` } });
    fx!.engine.saveRule({
      id: `in-${f}`, name: `In from ${f}`, direction: 'Inbound', precedence: 10 + i, connector: { id: f, name: f },
      sourceObjectType: 'user', targetObjectType: 'person', linkType: 'Provision', joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]],
      attributeFlows: [
        ...['employeeId', 'displayName', 'title', 'targetDn', 'sn'].map((a) => ({ destination: a, sources: [a], flowType: 'Direct' as const })),
        { destination: 'proxyAddresses', sources: ['proxyAddresses'], flowType: 'Direct' as const, mergeType: 'MergeCaseInsensitive' as const },
      ],
    });
    const dir = memoryDirectory(`${f}-${fx!.dir}`);
    for (let u = 1; u <= 6; u++) {
      // Forest i holds users i..i+3: every user is in one to three forests, with different values.
      if (u < i + 1 || u > i + 4) continue;
      dir.add(`cn=u${u},dc=${f}`, 'user', {
        employeeId: [String(u)], displayName: [`User ${u} from ${f}`], title: u % 2 ? [`T${i}`] : [], targetDn: [`uid=u${u},ou=people,dc=example`],
        sn: [`S${u}`], proxyAddresses: [`smtp:u${u}@${f}`, `SMTP:u${u}@shared`],
      }, `${f}-${u}`);
    }
  });
  for (const c of order) {
    await fx.run(c, 'Full Import');
    await fx.run(c, 'Delta Synchronization');
  }
  const mv = fx.engine.store.mv.search(undefined, [], null, 100).items
    .map((o) => JSON.stringify([o.attrs.employeeId, Object.entries(o.attrs).map(([k, v]) => [k, [...v].map(String).sort()]).sort()]))
    .sort();
  const exports = fx.engine.store.cs.search(2, { scope: 'pending-export', ops: ['add', 'update', 'delete'] }, null, 100).items
    .map((o) => JSON.stringify([o.dn, o.pendingExport!.op, Object.entries(o.pendingExport!.changes).map(([k, v]) => [k, [...v].map(String).sort()]).sort()]))
    .sort();
  fx.close();
  fx = null;
  return { mv, exports };
}

describe('order independence', () => {
  it('S-33 every connector order gives the same metaverse values and pending exports', async () => {
    const orders = [['f1', 'f2', 'f3'], ['f1', 'f3', 'f2'], ['f2', 'f1', 'f3'], ['f2', 'f3', 'f1'], ['f3', 'f1', 'f2'], ['f3', 'f2', 'f1']];
    const first = await runInOrder(orders[0]);
    expect(first.mv).toHaveLength(6);
    expect(first.exports).toHaveLength(6);
    for (const order of orders.slice(1)) expect(await runInOrder(order)).toEqual(first);
  });
});
