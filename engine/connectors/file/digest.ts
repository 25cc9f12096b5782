// A compact fingerprint of an imported object, used to detect changes between two imports of a file.
import { createHash } from 'node:crypto';
import type { ImportedObject } from '../contract.ts';
import { dnKey } from './dn.ts';
import { valueKey } from './value-codec.ts';

/** Digest of DN, object type and attribute values (value order within an attribute does not matter). */
export function objectDigest(object: ImportedObject): string {
  const hash = createHash('sha1');
  hash.update(dnKey(object.dn)).update('\0').update(object.objectType.toLowerCase()).update('\0');
  const names = Object.keys(object.attributes).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  for (const name of names) {
    const values = object.attributes[name];
    if (!values.length) continue;
    hash.update(name.toLowerCase()).update('\x01');
    const keys = values.map(valueKey);
    if (keys.length > 1) keys.sort();
    for (const k of keys) hash.update(k).update('\x02');
  }
  return hash.digest('base64').slice(0, 22);
}
