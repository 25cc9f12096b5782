// A compact fingerprint of an imported object, used to detect changes between two imports of a file.
import { createHash } from 'node:crypto';
import type { ImportedObject } from '../contract.ts';
import { dnKey } from './dn.ts';
import { valueKey } from './value-codec.ts';

/** Digest of DN, object type and attribute values (value order within an attribute does not matter). */
export function objectDigest(object: ImportedObject): string {
  // One string and one hash update: many small updates cost more than the hashing itself.
  let text = dnKey(object.dn) + '\0' + object.objectType.toLowerCase() + '\0';
  const names = Object.keys(object.attributes).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  for (const name of names) {
    const values = object.attributes[name];
    if (!values.length) continue;
    text += name.toLowerCase() + '\x01';
    if (values.length === 1) text += valueKey(values[0]) + '\x02';
    else text += values.map(valueKey).sort().join('\x02') + '\x02';
  }
  return createHash('sha1').update(text).digest('base64').slice(0, 22);
}
