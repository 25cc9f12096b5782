// Discovers object types and attributes from the file itself, typed by the configuration.
import type { ConnectorContext, DiscoveredAttribute, DiscoveredSchema } from '../contract.ts';
import type { AttributeType } from '../../model/values.ts';
import type { FileSettings } from './config.ts';
import { readCsvHeader } from './csv-source.ts';
import { sourceItems } from './import-run.ts';

/** Records read at most; enough to see every attribute of realistic feeds without reading a huge file whole. */
const SAMPLE = 50_000;

interface Seen {
  type: AttributeType;
  multiValued: boolean;
}

/**
 * Object types with their attributes: CSV header columns / JSON keys / LDIF attributes seen (in the replayed
 * entries of a change file), with declared types.
 */
export async function discoverFileSchema(settings: FileSettings, ctx: ConnectorContext): Promise<DiscoveredSchema> {
  const path = settings.config.path;
  const types = new Map<string, Map<string, Seen>>();
  const note = (objectType: string, name: string, seen: Seen): void => {
    let attrs = types.get(objectType);
    if (!attrs) types.set(objectType, (attrs = new Map()));
    const old = attrs.get(name);
    attrs.set(name, old ? { type: old.type === 'string' ? seen.type : old.type, multiValued: old.multiValued || seen.multiValued } : seen);
  };
  const declared = (name: string, fallback: AttributeType, count: number): Seen => {
    const spec = settings.spec(name);
    return { type: spec?.type ?? fallback, multiValued: spec?.multiValued ?? count > 1 };
  };
  if (settings.config.format === 'csv' && settings.config.objectType) {
    for (const column of await readCsvHeader(path, settings)) {
      if (column !== settings.config.dnAttribute) note(settings.config.objectType, column, declared(column, 'string', 1));
    }
  }
  let n = 0;
  for await (const items of sourceItems(settings, ctx)) {
    for (const item of items) {
      if (item.kind !== 'object') continue;
      n++;
      const { objectType, attributes } = item.object;
      for (const [name, values] of Object.entries(attributes)) {
        const binary = values.some((v) => v instanceof Uint8Array);
        note(objectType, name, declared(name, binary ? 'binary' : 'string', values.length));
      }
    }
    if (n >= SAMPLE) break;
  }
  return {
    objectTypes: [...types].map(([name, attrs]) => ({
      name,
      attributes: [...attrs].map(([attr, s]): DiscoveredAttribute => ({ name: attr, type: s.type, multiValued: s.multiValued })).sort((a, b) => a.name.localeCompare(b.name)),
    })),
  };
}
