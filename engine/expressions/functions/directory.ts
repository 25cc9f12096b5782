// Directory functions (spec §7.4): DNComponent, DNComponentRev, EscapeDNComponent.
import { enumArg, fail, int, refOrStr, str } from '../arguments.ts';
import { param, type CallSite, type FunctionDef } from '../function-def.ts';
import type { Value } from '../values.ts';
import { splitUnescaped } from '../../model/dn-split.ts';

/** One `type=value` component of a DN; the value keeps its escapes (spec A-31). */
interface DnComponent {
  readonly type: string;
  readonly value: string;
}

/** Splits DN text on unescaped commas and trims each component. */
export function splitDn(dn: string): DnComponent[] {
  const parts = splitUnescaped(dn, ',');
  return parts.map((p) => {
    const t = p.trim();
    const eq = t.indexOf('=');
    return eq < 0 ? { type: '', value: t } : { type: t.slice(0, eq).trim(), value: t.slice(eq + 1).trim() };
  });
}

function component(a: Value[], site: CallSite, fromRight: boolean): string | null {
  let parts = splitDn(refOrStr(a, 0, site));
  const n = int(a, 1, site);
  if (a.length > 2 && enumArg(a, 2, site, ['DC']) === 'DC') parts = parts.filter((p) => p.type.toLowerCase() !== 'dc');
  if (n < 1 || n > parts.length) return null;
  return parts[fromRight ? parts.length - n : n - 1].value;
}

const SPECIAL = new Set([',', '=', '+', '<', '>', '#', ';', '\\', '"']);

/** True for characters XML 1.0 cannot carry. */
function invalidInXml(code: number): boolean {
  return (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffe || code === 0xffff;
}

function escapeComponent(a: Value[], site: CallSite): string {
  const text = str(a, 0, site);
  const eq = text.indexOf('=');
  if (eq < 0) fail(site, `'${text}' is not of the form type=value`);
  const type = text.slice(0, eq).trim();
  if (!/^[A-Za-z0-9.-]+$/.test(type)) fail(site, `'${type}' is not a valid attribute type`);
  const value = text.slice(eq + 1);
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const code = value.charCodeAt(i);
    if (SPECIAL.has(c)) out += `\\${c}`;
    else if (invalidInXml(code)) out += `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c === ' ' && i === value.length - 1) out += '\\ ';
    else out += c;
  }
  return `${type}=${out}`;
}

/** The Directory functions. */
export const directoryFunctions: readonly FunctionDef[] = [
  {
    name: 'DNComponent',
    category: 'Directory',
    signatures: ['str DNComponent(ref dn, num ComponentNumber)'],
    doc: 'The value of the N-th DN component counting from the left (Null when out of range).',
    params: [param('dn', ['ref', 'str']), param('ComponentNumber', 'num')],
    returns: 'str',
    impl: (a, site) => component(a, site, false),
  },
  {
    name: 'DNComponentRev',
    category: 'Directory',
    signatures: ['str DNComponentRev(ref dn, num ComponentNumber)', 'str DNComponentRev(ref dn, num ComponentNumber, enum Options)'],
    doc: 'The value of the N-th DN component counting from the right; option DC skips dc= components.',
    params: [param('dn', ['ref', 'str']), param('ComponentNumber', 'num'), param('Options', 'str', { shape: 'enum', optional: true, enumValues: ['DC'] })],
    returns: 'str',
    impl: (a, site) => component(a, site, true),
  },
  {
    name: 'EscapeDNComponent',
    category: 'Directory',
    signatures: ['str EscapeDNComponent(str value)'],
    doc: 'Escapes the value of a type=value RDN for use in an LDAP DN.',
    params: [param('value', 'str')],
    returns: 'str',
    impl: escapeComponent,
  },
];
