// RFC 2849 LDIF writer: content and change records, base64 where a value is not a safe string, lines folded at 76.
import type { LdifModification, LdifValue } from './ldif-reader.ts';

/** A value to write with its attribute name. */
export interface LdifOutAttribute {
  readonly name: string;
  readonly value: LdifValue;
}

/** A record to write; mirrors the reader's records without line numbers. */
export type LdifOutRecord =
  | { readonly kind: 'content' | 'add'; readonly dn: string; readonly attributes: Iterable<LdifOutAttribute> }
  | { readonly kind: 'delete'; readonly dn: string }
  | {
      readonly kind: 'modify';
      readonly dn: string;
      readonly modifications: readonly (Omit<LdifModification, 'values'> & { readonly values: readonly LdifValue[] })[];
    }
  | { readonly kind: 'moddn'; readonly dn: string; readonly newRdn: string; readonly deleteOldRdn: boolean; readonly newSuperior?: string };

const FOLD = 76;
// SAFE-INIT-CHAR excludes NUL, LF, CR, space, colon and "<"; SAFE-CHAR excludes NUL, LF, CR; both are ASCII only.
const SAFE = /^(?:[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*)?$/;

/** True when the text may be written after a single colon (RFC 2849 SAFE-STRING, no trailing space). */
export function isSafeString(text: string): boolean {
  return SAFE.test(text) && !text.endsWith(' ');
}

/** Formats one `name: value` line (or `name:: base64`), folded. */
export function formatLine(name: string, value: LdifValue): string {
  if (typeof value === 'string' && isSafeString(value)) return fold(value === '' ? `${name}:` : `${name}: ${value}`);
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return fold(`${name}:: ${bytes.toString('base64')}`);
}

/** Folds a line longer than 76 characters into continuation lines starting with one space. */
export function fold(line: string): string {
  if (line.length <= FOLD) return line + '\n';
  let out = line.slice(0, FOLD) + '\n';
  for (let i = FOLD; i < line.length; i += FOLD - 1) out += ' ' + line.slice(i, i + FOLD - 1) + '\n';
  return out;
}

/** Formats one record including its terminating blank line. */
export function formatLdifRecord(record: LdifOutRecord): string {
  let out = formatLine('dn', record.dn);
  switch (record.kind) {
    case 'content':
    case 'add':
      if (record.kind === 'add') out += 'changetype: add\n';
      for (const a of record.attributes) out += formatLine(a.name, a.value);
      break;
    case 'delete':
      out += 'changetype: delete\n';
      break;
    case 'modify':
      out += 'changetype: modify\n';
      for (const m of record.modifications) {
        out += formatLine(m.op, m.attribute);
        for (const v of m.values) out += formatLine(m.attribute, v);
        out += '-\n';
      }
      break;
    case 'moddn':
      out += 'changetype: moddn\n' + formatLine('newrdn', record.newRdn) + `deleteoldrdn: ${record.deleteOldRdn ? 1 : 0}\n`;
      if (record.newSuperior !== undefined) out += formatLine('newsuperior', record.newSuperior);
      break;
  }
  return out + '\n';
}
