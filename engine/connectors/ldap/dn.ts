// Distinguished names (RFC 4514): escaping values from data, splitting, comparing and testing containment.
import { splitUnescaped } from '../../model/dn-split.ts';

/** Escapes a string for use as an RDN attribute value (RFC 4514 §2.4). */
export function escapeDnValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\0') out += '\\00';
    else if (',+"\\<>;'.includes(c)) out += '\\' + c;
    else if ((i === 0 && (c === ' ' || c === '#')) || (i === value.length - 1 && c === ' ')) out += '\\' + c;
    else out += c;
  }
  return out;
}

/** Builds `attr=value,parent` with the value escaped. */
export function buildDn(attribute: string, value: string, parent: string): string {
  const rdn = `${attribute}=${escapeDnValue(value)}`;
  return parent ? `${rdn},${parent}` : rdn;
}

/** Splits a DN into its RDN strings (still escaped), honouring backslash escapes. */
export function splitDn(dn: string): string[] {
  const parts = splitUnescaped(dn, ',').map((p) => p.trim());
  return parts.length === 1 && parts[0] === '' ? [] : parts;
}

/** The first RDN of a DN, e.g. `cn=Ann` of `cn=Ann,ou=people,dc=x`. */
export function rdnOf(dn: string): string {
  return splitDn(dn)[0] ?? '';
}

/** The parent DN ('' for a single-RDN DN). */
export function parentOf(dn: string): string {
  return splitDn(dn).slice(1).join(',');
}

/** Decodes the escapes of an RDN value (`\,` and `\2C` forms) into the plain string. */
export function unescapeDnValue(value: string): string {
  if (!value.includes('\\')) return value;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '\\' && i + 1 < value.length) {
      bytes.push(...enc.encode(value[i + 1]));
      i++;
    } else bytes.push(...enc.encode(c));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Canonical form for comparisons: attribute types and values lower-cased, escapes decoded, spaces trimmed. */
export function normalizeDn(dn: string): string {
  // Most DNs have no escapes and no multi-valued RDNs: lower-casing and trimming is all they need.
  if (!/[\\+";<>#]/.test(dn)) {
    return dn
      .split(',')
      .map((rdn) => {
        const eq = rdn.indexOf('=');
        return `${rdn.slice(0, eq).trim()}=${rdn.slice(eq + 1).trim()}`.toLowerCase();
      })
      .join(',');
  }
  return splitDn(dn)
    .map((rdn) =>
      splitRdn(rdn)
        .map(([attr, value]) => `${attr.trim().toLowerCase()}=${escapeDnValue(unescapeDnValue(value.trim())).toLowerCase()}`)
        .sort()
        .join('+'),
    )
    .join(',');
}

/** True when dn equals container or lies beneath it (case-insensitive). */
export function isWithin(dn: string, container: string): boolean {
  const d = normalizeDn(dn);
  const c = normalizeDn(container);
  return c === '' || d === c || d.endsWith(',' + c);
}

/** Splits one RDN into its attribute/value pairs (multi-valued RDNs use `+`). */
function splitRdn(rdn: string): [string, string][] {
  const pairs: [string, string][] = [];
  let current = '';
  const flush = (): void => {
    const eq = current.indexOf('=');
    pairs.push(eq < 0 ? [current, ''] : [current.slice(0, eq), current.slice(eq + 1)]);
    current = '';
  };
  for (let i = 0; i < rdn.length; i++) {
    const c = rdn[i];
    if (c === '\\' && i + 1 < rdn.length) {
      current += c + rdn[i + 1];
      i++;
    } else if (c === '+') flush();
    else current += c;
  }
  flush();
  return pairs;
}
