// The exported metaverse schema (DSML syntax OIDs) as IdSync's metaverse schema; the metaverse side of every
// join is indexed, since joins look objects up by it.
import type { MvAttributeType, MvSchema } from '../../shared/model/metaverse.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import type { ExportMetaverse } from './export-model.ts';

/** DSML syntax OID → IdSync attribute type (the documenter's String/Number/Boolean/Binary/Reference). */
const SYNTAX: Readonly<Record<string, MvAttributeType>> = {
  '1.3.6.1.4.1.1466.115.121.1.15': 'string',
  '1.3.6.1.4.1.1466.115.121.1.27': 'integer',
  '1.3.6.1.4.1.1466.115.121.1.7': 'boolean',
  '1.3.6.1.4.1.1466.115.121.1.5': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.40': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.12': 'reference',
};

export interface MappedSchema {
  readonly schema: MvSchema;
  /** Attributes whose syntax IdSync does not know (kept as strings), for the report. */
  readonly unknownSyntaxes: readonly string[];
}

/** Maps the metaverse; `rules` decide which attributes are indexed. */
export function mapSchema(mv: ExportMetaverse, rules: readonly SyncRule[]): MappedSchema {
  const joined = new Set(rules.flatMap((r) => r.joinRules.flat().map((c) => c.mvAttribute.toLowerCase())));
  const unknownSyntaxes: string[] = [];
  const attributes = mv.attributes.map((a) => {
    const type = SYNTAX[a.syntax];
    if (!type) unknownSyntaxes.push(`${a.name} (${a.syntax})`);
    return { name: a.name, type: type ?? 'string', multiValued: a.multiValued, indexed: joined.has(a.name.toLowerCase()) };
  });
  return { schema: { objectTypes: mv.objectTypes.map((t) => ({ name: t.name, attributes: [...t.attributes] })), attributes }, unknownSyntaxes };
}
