// The little DN handling the file connector needs: RFC 4514 value escaping, templates, and RDN/parent splitting.

/** Escapes an attribute value for use in a DN (RFC 4514 §2.4). */
export function escapeDnValue(value: string): string {
  let out = value.replace(/[\\,+"<>;=]/g, (c) => '\\' + c).replace(/\0/g, '\\00');
  if (out.startsWith(' ') || out.startsWith('#')) out = '\\' + out;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = out.slice(0, -1) + '\\ ';
  return out;
}

/** Names of the `{attribute}` placeholders of a DN template, in order. */
export function templateAttributes(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
}

/** Fills a DN template; returns the first attribute without a value when one is missing. */
export function fillDnTemplate(template: string, valueOf: (attribute: string) => string | undefined): { dn: string } | { missing: string } {
  let missing: string | undefined;
  const dn = template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const v = valueOf(name);
    if (v === undefined || v === '') missing ??= name;
    return escapeDnValue(v ?? '');
  });
  return missing !== undefined ? { missing } : { dn };
}

/** Index of the first unescaped comma of a DN, or -1. */
function firstSeparator(dn: string): number {
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\') i++;
    else if (c === ',') return i;
  }
  return -1;
}

/** Splits a DN into its first RDN and the parent DN ('' for a one-RDN DN). */
export function splitDn(dn: string): { rdn: string; parent: string } {
  const i = firstSeparator(dn);
  return i < 0 ? { rdn: dn.trim(), parent: '' } : { rdn: dn.slice(0, i).trim(), parent: dn.slice(i + 1).trim() };
}

/** A comparison key for a DN: case-insensitive, spaces around separators removed. */
export function dnKey(dn: string): string {
  return dn.replace(/\s*([,=+])\s*/g, '$1').trim().toLowerCase();
}

/** True when `dn` equals `container` or lies below it. */
export function isUnder(dn: string, container: string): boolean {
  const d = dnKey(dn);
  const c = dnKey(container);
  return d === c || d.endsWith(',' + c);
}
