// Certificate functions (spec §7.1): read X.509 data given as DER or as Base64 text bytes.
import { bin, bool, enumArg, fail } from '../arguments.ts';
import { param, type CallSite, type FunctionDef, type StaticType } from '../function-def.ts';
import type { Value } from '../values.ts';
import { altNames, decodeCertificate, formatName, nameValue, type Certificate } from '../x509.ts';

const NAME_TYPES = ['SimpleName', 'EmailName', 'UpnName', 'DnsName', 'DnsFromAlternativeName', 'UrlName'] as const;
const CN = '2.5.4.3';
const EMAIL = '1.2.840.113549.1.9.1';

function certificate(a: Value[], site: CallSite): Certificate {
  return decodeCertificate(bin(a, 0, site)) ?? fail(site, 'the data is not an X.509 certificate');
}

const raw = param('certificateRawData', 'bin');

function cert(name: string, returns: StaticType, doc: string, read: (c: Certificate) => Value, signatureReturn?: string): FunctionDef {
  return {
    name,
    category: 'Certificate',
    signatures: [`${signatureReturn ?? returns} ${name}(bin certificateRawData)`],
    doc,
    params: [raw],
    returns,
    impl: (a, site) => read(certificate(a, site)),
  };
}

/** .NET X509Certificate2.GetNameInfo. */
function nameInfo(c: Certificate, type: string, forIssuer: boolean): string {
  const name = forIssuer ? c.issuer : c.subject;
  const alt = altNames(c, forIssuer);
  switch (type) {
    case 'SimpleName':
      return nameValue(name, CN) ?? nameValue(name, '2.5.4.11') ?? nameValue(name, '2.5.4.10') ?? nameValue(name, EMAIL) ?? alt.email[0] ?? alt.dns[0] ?? alt.uri[0] ?? '';
    case 'EmailName':
      return nameValue(name, EMAIL) ?? alt.email[0] ?? '';
    case 'UpnName':
      return alt.upn[0] ?? '';
    case 'DnsName':
      return alt.dns[0] ?? nameValue(name, CN) ?? '';
    case 'DnsFromAlternativeName':
      return alt.dns[0] ?? '';
    default:
      return alt.uri[0] ?? '';
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** The Certificate functions. */
export const certificateFunctions: readonly FunctionDef[] = [
  cert('CertExtensionOids', 'str', 'OIDs of the certificate’s critical extensions.', (c) => c.extensions.filter((e) => e.critical).map((e) => e.oid), 'mvstr'),
  cert('CertFormat', 'str', 'The certificate format name ("X509").', () => 'X509'),
  cert('CertFriendlyName', 'str', 'The friendly name; raw certificate data carries none, so "".', () => ''),
  cert('CertHashString', 'str', 'SHA-1 hash of the certificate as 40 upper-case hex characters.', (c) => c.thumbprint),
  cert('CertIssuer', 'str', 'The issuer distinguished name.', (c) => formatName(c.issuer)),
  cert('CertIssuerDN', 'str', 'The issuer distinguished name (IssuerName.Name).', (c) => formatName(c.issuer)),
  cert('CertIssuerOid', 'str', 'OID attached to the issuer name (normally Null).', () => null),
  cert('CertKeyAlgorithm', 'str', 'Public-key algorithm OID, e.g. 1.2.840.113549.1.1.1 for RSA.', (c) => c.keyAlgorithmOid),
  cert('CertKeyAlgorithmParams', 'str', 'Hex of the DER-encoded key-algorithm parameters.', (c) => hex(c.keyAlgorithmParams)),
  {
    name: 'CertNameInfo',
    category: 'Certificate',
    signatures: ['str CertNameInfo(bin certificateRawData, str x509NameType, bool includesIssuerName)'],
    doc: 'A name of the given X509NameType from the subject, or from the issuer when the flag is True.',
    params: [raw, param('x509NameType', 'str', { shape: 'enum', enumValues: NAME_TYPES }), param('includesIssuerName', 'bool')],
    returns: 'str',
    impl: (a, site) => {
      const type = enumArg(a, 1, site, NAME_TYPES);
      const forIssuer = bool(a, 2, site);
      return nameInfo(certificate(a, site), type, forIssuer);
    },
  },
  cert('CertNotAfter', 'dt', 'End of the validity period (UTC).', (c) => c.notAfter),
  cert('CertNotBefore', 'dt', 'Start of the validity period (UTC).', (c) => c.notBefore),
  cert('CertPublicKeyOid', 'str', 'OID of the public-key algorithm.', (c) => c.keyAlgorithmOid),
  cert('CertPublicKeyParametersOid', 'str', 'OID associated with the public-key parameters (the algorithm OID).', (c) => c.keyAlgorithmOid),
  cert('CertSerialNumber', 'str', 'Serial number as upper-case hex.', (c) => c.serialHex),
  cert('CertSignatureAlgorithmOid', 'str', 'OID of the signature algorithm.', (c) => c.signatureAlgorithmOid),
  cert('CertSubject', 'str', 'The subject distinguished name.', (c) => formatName(c.subject)),
  cert('CertSubjectNameDN', 'str', 'The subject distinguished name (SubjectName.Name).', (c) => formatName(c.subject)),
  cert('CertSubjectNameOid', 'str', 'OID attached to the subject name (normally Null).', () => null),
  cert('CertThumbprint', 'str', 'SHA-1 thumbprint as 40 upper-case hex characters.', (c) => c.thumbprint),
  cert('CertVersion', 'num', 'X.509 version number (3 for v3).', (c) => BigInt(c.version)),
  {
    name: 'IsCert',
    category: 'Certificate',
    signatures: ['bool IsCert(bin certificateRawData)'],
    doc: 'True when the data is an X.509 certificate (DER or Base64 text); never fails.',
    params: [param('certificateRawData', 'bin', { nullable: true })],
    returns: 'bool',
    impl: ([v]) => v instanceof Uint8Array && decodeCertificate(v) !== null,
  },
];
