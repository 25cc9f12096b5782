// Test environment: private OpenLDAP servers and their data.
export { startSlapd, type SlapdInstance, type StartSlapdOptions } from './start-slapd.ts';
export { ldapAddFile, ldapAddText, type LdapTarget } from './bulk-load.ts';
export { person, peopleLdif, toLdif, type PersonEntry } from './inetorgperson-ldif.ts';
export { freePort, waitForPort } from './free-port.ts';
export { AD_LIKE_SCHEMA } from './ad-like-schema.ts';
