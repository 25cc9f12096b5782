// `Connectors/Connector_{guid}.xml` (`<ma-data>`, the management-agent format) into an ExportConnector.
import { normalizeGuid, type ExportConnector, type ExportParameter, type ExportPartition, type ExportRunProfile } from './export-model.ts';
import { attr, child, childText, flag, list, text, type XmlNode } from './export-xml.ts';

/** Parameters of a `<parameter-values>` element. */
export function parameters(node: XmlNode): ExportParameter[] {
  return list(node.parameter).map((p) => ({ name: attr(p, 'name'), value: text(p), encrypted: attr(p, 'encrypted') === '1' }));
}

/** Text leaves of a configuration element, by dotted path (lists are left out: they are read where needed). */
function flatten(node: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return out;
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith('@_') || key === 'parameter-values' || Array.isArray(value)) continue;
    const name = key === '#text' ? prefix.replace(/\.$/, '') : `${prefix}${key}`;
    if (typeof value === 'object' && value !== null) flatten(value, `${name}.`, out);
    else out[name] = text(value);
  }
  return out;
}

function partition(p: unknown): ExportPartition {
  const filter = child(p, 'filter');
  const containers = child(filter, 'containers');
  const custom = child(p, 'custom-data');
  const adData = child(custom, 'adma-partition-data');
  const params = parameters(child(p, 'parameter-values'));
  const cookie = childText(adData, 'cookie') || params.find((x) => x.name === 'cookie')?.value || '';
  const nonEmpty = (values: unknown[]) => values.map(text).map((s) => s.trim()).filter(Boolean);
  return {
    id: normalizeGuid(childText(p, 'id')),
    name: childText(p, 'name'),
    selected: flag(childText(p, 'selected')),
    objectClasses: nonEmpty(list(child(filter, 'object-classes')['object-class'])),
    inclusions: nonEmpty(list(child(containers, 'inclusions').inclusion)),
    exclusions: nonEmpty(list(child(containers, 'exclusions').exclusion)),
    lastDc: childText(adData, 'last-dc') || params.find((x) => x.name === 'last-dc')?.value || null,
    hasCookie: cookie.length > 0,
    hasWatermark: childText(custom, 'water-mark').length > 0,
    parameters: params,
  };
}

function runProfile(r: unknown): ExportRunProfile {
  const steps = list(child(r, 'configuration').step).map((s) => {
    const type = child(s, 'step-type');
    const subtype = childText(type, 'import-subtype') || childText(type, 'apply-rules-subtype');
    const part = childText(s, 'partition');
    return { type: attr(type, 'type'), subtype: subtype || null, partition: part ? normalizeGuid(part) : null };
  });
  return { name: childText(r, 'name'), steps };
}

/** Reads one connector file's parsed XML; `file` names it in errors. */
export function parseConnector(doc: XmlNode, file: string): ExportConnector {
  const ma = doc['ma-data'];
  if (!ma || typeof ma !== 'object') throw new Error(`${file}: not a connector file (no <ma-data> element)`);
  const id = childText(ma, 'id');
  const name = childText(ma, 'name');
  if (!id || !name) throw new Error(`${file}: the connector has no ${id ? 'name' : 'id'}`);
  const priv = child(ma, 'private-configuration');
  const config = priv['adma-configuration'] ? child(priv, 'adma-configuration') : child(priv, 'MAConfig');
  const importing = child(config, 'importing');
  const anchors: Record<string, string> = {};
  for (const a of list(child(importing, 'anchor').attribute)) anchors[attr(a, 'object_class') || '*'] = text(a);
  return {
    id: normalizeGuid(id),
    file,
    name,
    category: childText(ma, 'category'),
    subtype: childText(ma, 'subtype'),
    description: childText(ma, 'description'),
    privateConfig: flatten(config),
    parameters: parameters(child(config, 'parameter-values')),
    attributeInclusion: list(child(ma, 'attribute-inclusion').attribute).map(text).filter(Boolean),
    partitions: list(child(ma, 'ma-partition-data').partition).map(partition),
    runProfiles: list(child(ma, 'ma-run-data')['run-configuration']).map(runProfile),
    anchors,
    passwordHashSyncEnabled: flag(childText(child(config, 'password-hash-sync-config'), 'enabled')),
  };
}
