// The slapd.conf text for a private test instance: one mdb directory with syncprov and accesslog overlays,
// and an mdb change log under cn=accesslog that only the root DN may read.

export interface SlapdConfOptions {
  readonly dir: string;
  readonly suffix: string;
  readonly rootDn: string;
  /** `{SSHA}` hash of the root password (from slappasswd). */
  readonly rootPwHash: string;
  /** Skip fsync on both databases (test data only). */
  readonly nosync: boolean;
  /** Write the change log under cn=accesslog (delta import source). */
  readonly accesslog: boolean;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** Extra schema files to include after the standard ones. */
  readonly schemaFiles?: readonly string[];
}

// mdb's default map size (10 MB) cannot hold 100k entries; the map is sparse, so a large value costs nothing.
const MAIN_MAXSIZE = 4 * 1024 ** 3;
const LOG_MAXSIZE = 2 * 1024 ** 3;

/** Builds slapd.conf for the given instance directory. */
export function slapdConf(o: SlapdConfOptions): string {
  const nosync = o.nosync ? 'dbnosync' : '';
  const lines = [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'include /etc/ldap/schema/nis.schema',
    ...(o.schemaFiles ?? []).map((f) => `include ${f}`),
    `pidfile ${o.dir}/slapd.pid`,
    `argsfile ${o.dir}/slapd.args`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload syncprov',
    ...(o.accesslog ? ['moduleload accesslog'] : []),
    'sizelimit unlimited',
    ...(o.tls ? [`TLSCertificateFile ${o.tls.certFile}`, `TLSCertificateKeyFile ${o.tls.keyFile}`] : []),
    '',
  ];
  if (o.accesslog) {
    lines.push(
      'database mdb',
      'suffix "cn=accesslog"',
      `directory ${o.dir}/accesslog`,
      `maxsize ${LOG_MAXSIZE}`,
      nosync,
      'index default eq',
      'index objectClass,entryCSN,reqStart,reqEnd,reqResult,reqDN eq',
      `access to * by dn.exact="${o.rootDn}" read by * none`,
      `limits dn.exact="${o.rootDn}" size=unlimited time=unlimited`,
      'overlay syncprov',
      'syncprov-nopresent TRUE',
      'syncprov-reloadhint TRUE',
      '',
    );
  }
  lines.push(
    'database mdb',
    `suffix "${o.suffix}"`,
    `rootdn "${o.rootDn}"`,
    `rootpw ${o.rootPwHash}`,
    `directory ${o.dir}/data`,
    `maxsize ${MAIN_MAXSIZE}`,
    nosync,
    'index objectClass,entryUUID,entryCSN eq',
    'index uid,cn,mail eq',
    'index member,uniqueMember eq',
    'access to * by self write by users read by * auth',
    'overlay syncprov',
    'syncprov-checkpoint 100 10',
    'syncprov-sessionlog 10000',
  );
  if (o.accesslog) {
    lines.push(
      'overlay accesslog',
      'logdb cn=accesslog',
      'logops writes',
      'logsuccess TRUE',
      'logoldattr objectClass',
      'logpurge 07+00:00 01+00:00',
    );
  }
  return lines.join('\n') + '\n';
}
