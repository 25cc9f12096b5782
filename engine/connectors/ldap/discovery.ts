// Discovery for the wizard: partitions (naming contexts), the container tree of a partition, and the object
// types with their attributes from the subschema.
import type { ContainerNode, DiscoveredObjectType, DiscoveredSchema, Partition } from '../contract.ts';
import { defaultObjectTypes } from './config.ts';
import { dnKey, parentDn } from '../../model/dn.ts';
import { rdnDisplayName } from './dn.ts';
import { eq, or } from './filter.ts';
import type { RootDse } from './root-dse.ts';
import { attributesOfClass, type DirectorySchema } from './schema.ts';
import type { LdapSession } from './session.ts';

const CONTAINER_CLASSES = ['organizationalUnit', 'container', 'organization', 'domain', 'builtinDomain', 'dcObject'];

/** Naming contexts of the server (without OpenLDAP's change log). */
export function partitionsOf(rootDse: RootDse): Partition[] {
  return rootDse.namingContexts.filter((nc) => dnKey(nc) !== 'cn=accesslog').map((nc) => ({ id: nc, name: nc }));
}

/** The container tree below a partition root. */
export async function discoverContainers(session: LdapSession, partition: string): Promise<ContainerNode[]> {
  const dns: string[] = [];
  await session.run(`listing containers of ${partition}`, async (client) => {
    for await (const page of client.searchPaginated(partition, {
      scope: 'sub',
      filter: or(...CONTAINER_CLASSES.map((c) => eq('objectClass', c))),
      attributes: ['1.1'],
      paged: { pageSize: 1000 },
    })) {
      for (const e of page.searchEntries) dns.push(e.dn);
    }
  });
  const nodes = new Map<string, { dn: string; name: string; children: ContainerNode[] }>();
  for (const dn of dns) {
    nodes.set(dnKey(dn), { dn, name: rdnDisplayName(dn), children: [] });
  }
  const root = dnKey(partition);
  const top: ContainerNode[] = [];
  for (const [key, node] of nodes) {
    if (key === root) continue;
    const parent = nodes.get(dnKey(parentDn(node.dn)));
    if (parent && dnKey(parent.dn) !== root) parent.children.push(node);
    else top.push(node);
  }
  const sort = (list: ContainerNode[]): void => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const n of list) sort(n.children as ContainerNode[]);
  };
  sort(top);
  return top;
}

function objectTypeOf(schema: DirectorySchema, name: string, classes: readonly string[]): DiscoveredObjectType {
  const names = new Set<string>();
  for (const c of ['top', ...classes]) for (const a of attributesOfClass(schema, c)) names.add(a);
  const attributes = [...names]
    .map((n) => ({ n, info: schema.attributes.get(n.toLowerCase()) }))
    .map(({ n, info }) => ({ name: info?.names[0] ?? n, type: info?.type ?? 'string', multiValued: info?.multiValued ?? true }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { name, attributes };
}

/** Configured object types first, then every other structural object class of the schema. */
export function discoverSchema(schema: DirectorySchema, flavour: 'ad' | 'openldap' | 'generic', configured = defaultObjectTypes(flavour)): DiscoveredSchema {
  const types: DiscoveredObjectType[] = configured.map((t) => objectTypeOf(schema, t.name, t.objectClasses));
  const taken = new Set(types.map((t) => t.name.toLowerCase()));
  for (const oc of new Set(schema.objectClasses.values())) {
    if (oc.kind !== 'STRUCTURAL' || taken.has(oc.names[0].toLowerCase())) continue;
    taken.add(oc.names[0].toLowerCase());
    types.push(objectTypeOf(schema, oc.names[0], [oc.names[0]]));
  }
  return { objectTypes: types };
}
