// A compact fingerprint of an imported object, used to detect changes between two imports of a file.
import { hash } from 'node:crypto';
import type { ImportedObject } from '../contract.ts';
import { valueKey } from './value-codec.ts';

/**
 * Digest of DN, object type and attribute values (value order within an attribute does not matter). DNs and
 * reference values count as written: a file that spells a DN differently now reports the object, as a full
 * import would, and the engine, which compares DNs as DNs, decides whether anything changed.
 */
export function objectDigest(object: ImportedObject): string {
  // One string and one one-shot hash: per-attribute hash updates cost more than the hashing itself.
  const entries: string[] = [];
  for (const [name, values] of Object.entries(object.attributes)) {
    if (!values.length) continue;
    const keys = values.length === 1 ? valueKey(values[0]) : values.map(valueKey).sort().join('\x02');
    entries.push(name.toLowerCase() + '\x01' + keys);
  }
  entries.sort();
  const text = object.dn.trim() + '\0' + object.objectType.toLowerCase() + '\0' + entries.join('\x03');
  return hash('sha1', text, 'base64').slice(0, 22);
}
