// `GlobalSettings/MV.xml` (`<saved-mv-configuration>`): the metaverse schema as DSML and the global parameters.
import type { ExportMetaverse } from './export-model.ts';
import { parameters } from './parse-connector.ts';
import { attr, child, childText, flag, list, type XmlNode } from './export-xml.ts';

/** Reads MV.xml's parsed XML; `file` names it in errors. */
export function parseMetaverse(doc: XmlNode, file: string): ExportMetaverse {
  const saved = doc['saved-mv-configuration'];
  if (!saved || typeof saved !== 'object') throw new Error(`${file}: not a metaverse configuration (no <saved-mv-configuration> element)`);
  const data = child(saved, 'mv-data');
  const schema = child(child(child(data, 'schema'), 'dsml'), 'directory-schema');
  const attributes = list(schema['attribute-type']).map((a) => ({
    name: childText(a, 'name') || attr(a, 'id'),
    syntax: childText(a, 'syntax'),
    multiValued: !flag(attr(a, 'single-value')),
    indexable: flag(attr(a, 'indexable')),
  }));
  const objectTypes = list(schema.class).map((c) => ({
    name: childText(c, 'name') || attr(c, 'id'),
    attributes: list((c as XmlNode).attribute).map((a) => attr(a, 'ref').replace(/^#/, '')).filter(Boolean),
  }));
  if (objectTypes.length === 0 || attributes.length === 0) throw new Error(`${file}: the metaverse schema is empty (no DSML classes or attribute types)`);
  return {
    server: attr(saved, 'server') || null,
    exportDate: attr(saved, 'export-date') || null,
    objectTypes,
    attributes,
    parameters: parameters(child(data, 'parameter-values')),
  };
}
