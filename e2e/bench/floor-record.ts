// Deterministic ~1 KB user records for the floor measurements: shaped like a directory user, so JSON and SQLite
// costs are those a connector space or metaverse row would have.
import { seededRandom } from '../../engine/model/seeded-random.ts';

export { seededRandom };

const givenNames = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Emeka', 'Fatima', 'Gustav', 'Hana', 'Ines', 'Jonas', 'Kenji', 'Leila'];
const surnames = ['Andersen', 'Baptiste', 'Cohen', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski', 'Lindqvist'];
const departments = ['Finance', 'Engineering', 'Sales', 'Legal', 'Operations', 'Research', 'Support', 'Marketing'];

/** The anchor (primary key) of record `i`. */
export function floorAnchor(i: number): string {
  return `user-${i.toString(36).padStart(6, '0')}`;
}

/** Record `i`: about 1 KB once serialized. */
export function floorRecord(i: number): Record<string, unknown> {
  const rnd = seededRandom(i + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const given = pick(givenNames);
  const sn = pick(surnames);
  const login = `${given}.${sn}.${i}`.toLowerCase();
  const dept = pick(departments);
  return {
    anchor: floorAnchor(i),
    objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
    uid: login,
    cn: `${given} ${sn} ${i}`,
    givenName: given,
    sn,
    displayName: `${sn}, ${given}`,
    mail: `${login}@example.org`,
    userPrincipalName: `${login}@example.org`,
    employeeNumber: String(100000 + i),
    department: dept,
    title: `${dept} specialist ${1 + Math.floor(rnd() * 4)}`,
    street: `${1 + Math.floor(rnd() * 300)} ${pick(surnames)} Street`,
    l: pick(['Lisbon', 'Oslo', 'Nairobi', 'Osaka', 'Toronto', 'Lyon']),
    postalCode: String(10000 + Math.floor(rnd() * 89999)),
    telephoneNumber: `+1 555 ${String(Math.floor(rnd() * 10_000_000)).padStart(7, '0')}`,
    manager: `uid=${floorAnchor(Math.floor(rnd() * (i + 1)))},ou=people,dc=example,dc=org`,
    proxyAddresses: [`SMTP:${login}@example.org`, `smtp:${login}@corp.example.org`],
    memberOf: [0, 1, 2].map(() => `cn=group-${Math.floor(rnd() * 1000)},ou=groups,dc=example,dc=org`),
    description: `Generated user ${i} in ${dept}; record padded to a realistic size for storage measurements.`,
    whenChanged: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    employeeType: rnd() > 0.1 ? 'Employee' : 'Contractor',
    preferredLanguage: 'en-GB',
    accountEnabled: rnd() > 0.05,
  };
}
