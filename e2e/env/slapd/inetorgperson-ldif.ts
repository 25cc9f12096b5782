// A simple deterministic inetOrgPerson generator: the same index always yields the same entry.

export interface PersonEntry {
  readonly dn: string;
  readonly attributes: Record<string, string[]>;
}

/** The i-th test person under `ou=people,<suffix>`. */
export function person(i: number, suffix: string): PersonEntry {
  const id = String(i).padStart(6, '0');
  return {
    dn: `uid=user${id},ou=people,${suffix}`,
    attributes: {
      objectClass: ['inetOrgPerson'],
      uid: [`user${id}`],
      cn: [`User ${id}`],
      sn: [id],
      givenName: ['User'],
      displayName: [`User Number ${i}`],
      mail: [`user${id}@example.com`],
      employeeNumber: [String(i)],
      title: ['Engineer'],
      departmentNumber: [`D${i % 50}`],
      telephoneNumber: [`+1 555 ${String(i).padStart(7, '0')}`],
    },
  };
}

/** LDIF text for one entry (values are plain ASCII, so no base64 is needed). */
export function toLdif(entry: PersonEntry): string {
  let out = `dn: ${entry.dn}\n`;
  for (const [name, values] of Object.entries(entry.attributes)) for (const v of values) out += `${name}: ${v}\n`;
  return out + '\n';
}

/** LDIF for persons start..start+count-1. */
export function peopleLdif(count: number, suffix: string, start = 0): string {
  const parts: string[] = [];
  for (let i = start; i < start + count; i++) parts.push(toLdif(person(i, suffix)));
  return parts.join('');
}
