// The entries every test directory starts with: the suffix entry and two containers.

/** LDIF for the suffix entry plus ou=people and ou=groups under it. */
export function baseEntriesLdif(suffix: string): string {
  const [attr, value] = suffix.split(',')[0].split('=');
  const top =
    attr.toLowerCase() === 'dc'
      ? `objectClass: top\nobjectClass: dcObject\nobjectClass: organization\no: ${value}\ndc: ${value}`
      : attr.toLowerCase() === 'o'
        ? `objectClass: top\nobjectClass: organization\no: ${value}`
        : `objectClass: top\nobjectClass: organizationalUnit\nou: ${value}`;
  return [
    `dn: ${suffix}\n${top}\n`,
    `dn: ou=people,${suffix}\nobjectClass: organizationalUnit\nou: people\n`,
    `dn: ou=groups,${suffix}\nobjectClass: organizationalUnit\nou: groups\n`,
  ].join('\n');
}
