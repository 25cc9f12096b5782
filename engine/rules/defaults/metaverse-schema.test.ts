// The generated metaverse schema against the schema exported from an Entra Connect server.
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleData } from '../../test-data/sample-data.ts';
import { defaultMetaverseSchema } from './metaverse-schema.ts';

const data = sampleData('entra-connect-metaverse.json');

interface Exported {
  objectTypes: { name: string; attributes: { name: string }[] }[];
  attributeTypes: { name: string; type: string; multiValued: boolean }[];
}
const TYPES: Record<string, string> = { String: 'string', Number: 'integer', Boolean: 'boolean', Binary: 'binary', 'Reference (DN)': 'reference' };
const F = { connectorId: 'ad', connectorName: 'contoso.com' };
const AAD = { connectorId: 'aad', connectorName: 'tenant' };

describe.skipIf(data.missing)('default metaverse schema', () => {
  let exported: Exported;
  beforeAll(() => {
    exported = data.json<Exported>('entra-connect-metaverse.json');
  });
  const schema = defaultMetaverseSchema({ forests: [F], entra: AAD });

  it('has the three classes with exactly the exported attributes (the ConsistencyGuid-era rules add no class member)', () => {
    expect(schema.objectTypes.map((t) => t.name).sort()).toEqual(['device', 'group', 'person']);
    for (const t of exported.objectTypes) {
      const mine = schema.objectTypes.find((x) => x.name === t.name)!;
      expect(mine.attributes, t.name).toEqual(t.attributes.map((a) => a.name).sort());
    }
  });

  it('types every attribute as exported (219 attribute types)', () => {
    expect(schema.attributes.length).toBe(exported.attributeTypes.length);
    for (const a of exported.attributeTypes) {
      const mine = schema.attributes.find((x) => x.name === a.name);
      expect(mine && { type: mine.type, multiValued: mine.multiValued }, a.name).toEqual({ type: TYPES[a.type], multiValued: a.multiValued });
    }
  });

  it('indexes the metaverse side of every join', () => {
    const indexed = schema.attributes.filter((a) => a.indexed).map((a) => a.name).sort();
    expect(indexed).toEqual(['deviceId', 'mail', 'msExchMasterAccountSid', 'msRTCSIP-OriginatorSid', 'objectSid', 'objectSidString', 'sourceAnchor', 'sourceAnchorBinary']);
  });
});
