// Names the churn uses: people, groups, departments (target OUs) and sites (source OUs), many of which need
// escaping in a DN (`,` `+` `"` `\` `<` `;` `=` a leading `#`) or are not ASCII; and the spellings of a DN.
import { type DnStyle, formatDn, parseDn } from './dn.ts';
import type { Rng } from '../env/generate/prng.ts';

const PERSON_STEMS = [
  'Smith, J', 'Dupré', 'Zoë "Z" Ng', 'Back\\Slash', '#Hash', 'Ann+Bo', 'Lee <L>', 'Ng; Kim', 'Åsa Öberg', 'Jürgen Groß',
  'Renée Chloé', 'Müller=M', "O'Brien", 'Li Wei', 'Ωmega', 'Ann Lee', 'Bob Kim', 'Cy Diaz', 'Dee Park', 'Eve Ito',
] as const;

const GROUP_STEMS = ['Staff, all', 'R&D "core"', '#admins', 'Ops+On-call', 'Équipe', 'Readers', 'Writers', 'Back\\up'] as const;

/** Department names; each is a target OU (the LDAP target has all of them created up front). */
export const DEPARTMENTS = ['Sales', 'IT', 'R&D, Labs', 'Ops+Support', 'Finance', 'Ventes Île', '#Legal', 'Support "L2"'] as const;

/** Site names; each is a source OU. */
export const SITES = ['East', 'West', 'Nord; Süd', 'Zone, 5', 'Hub+1', '#Main', 'Lab "Q"', 'Øst'] as const;

const GIVEN = ['Ann', 'Bob', 'Cy', 'Dee', 'Éva', 'Fynn', 'Gö', 'Hal'] as const;
const TITLES = ['Engineer', 'Manager', 'Analyst', 'Director', 'Clerk', 'Architect, Senior', 'Lead "A"'] as const;

/** A fresh person name: a stem with a number that keeps it unique. */
export function personName(rng: Rng, n: number): string {
  return `${rng.of(PERSON_STEMS)} ${n}`;
}

/** A fresh group name. */
export function groupName(rng: Rng, n: number): string {
  return `${rng.of(GROUP_STEMS)} ${n}`;
}

export function givenName(rng: Rng): string {
  return rng.of(GIVEN);
}

export function title(rng: Rng): string {
  return rng.of(TITLES);
}

/** The same text with another case (all upper, all lower or swapped), or the text itself when it has no case. */
export function otherCase(text: string, rng: Rng): string {
  const options = [text.toUpperCase(), text.toLowerCase(), [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')];
  const different = options.filter((o) => o !== text && o.length === text.length);
  return different.length > 0 ? rng.of(different) : text;
}

/**
 * The same DN written another way: escapes as `\,` or `\2C`, non-ASCII as UTF-8 hex pairs, upper-case types,
 * or (when `caseToo`) values in another case. All spellings are valid RFC 4514 and equal as DNs.
 */
export function spell(text: string, rng: Rng, caseToo = false): string {
  const style: DnStyle = { hexSpecials: rng.next() < 0.5, hexNonAscii: rng.next() < 0.3, upperTypes: rng.next() < 0.3 };
  const rdns = parseDn(text).map((rdn) => rdn.map((a) => ({ type: a.type, value: caseToo && rng.next() < 0.3 ? otherCase(a.value, rng) : a.value })));
  return formatDn(rdns, style);
}
