// Decodes X.509 certificates for the Cert* functions: validated by node:crypto, fields read from the DER.
import { X509Certificate, createHash } from 'node:crypto';
import { DateTime } from './datetime.ts';
import { children, decodeOid, decodeString, decodeTime, readElement, type DerElement } from './der.ts';

/** An attribute of a distinguished name. */
interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

/** General names from a subject/issuer alternative name extension. */
interface AltNames {
  readonly email: string[];
  readonly dns: string[];
  readonly uri: string[];
  readonly upn: string[];
}

/** The certificate fields the Cert* functions expose (.NET X509Certificate2 property semantics). */
export interface Certificate {
  readonly der: Uint8Array;
  readonly version: number;
  readonly serialHex: string;
  readonly signatureAlgorithmOid: string;
  readonly issuer: NameAttribute[][];
  readonly subject: NameAttribute[][];
  readonly notBefore: DateTime;
  readonly notAfter: DateTime;
  readonly keyAlgorithmOid: string;
  /** DER of the key algorithm parameters, empty when absent. */
  readonly keyAlgorithmParams: Uint8Array;
  readonly extensions: { oid: string; critical: boolean; value: Uint8Array }[];
  readonly thumbprint: string;
}

const cache = new WeakMap<Uint8Array, Certificate | null>();

/** Parses DER or Base64/PEM text bytes; null when the data is not a certificate. */
export function decodeCertificate(data: Uint8Array): Certificate | null {
  const cached = cache.get(data);
  if (cached !== undefined) return cached;
  let cert: Certificate | null = null;
  for (const candidate of [data, base64Payload(data)]) {
    if (!candidate) continue;
    try {
      const x = new X509Certificate(Buffer.from(candidate));
      cert = parse(new Uint8Array(x.raw));
      break;
    } catch {
      // not this form; try the next
    }
  }
  cache.set(data, cert);
  return cert;
}

/** The bytes behind ASCII Base64 text (PEM armour optional), or undefined. */
function base64Payload(data: Uint8Array): Uint8Array | undefined {
  if (data.length === 0 || data.some((b) => b > 0x7f)) return undefined;
  const text = Buffer.from(data)
    .toString('latin1')
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function parse(der: Uint8Array): Certificate {
  const [tbs, sigAlg] = children(readElement(der, 0).element);
  const fields = children(tbs);
  let i = 0;
  let version = 1;
  if (fields[0].tag === 0xa0) {
    version = Number(children(fields[0])[0].content[0]) + 1;
    i++;
  }
  const serial = fields[i++];
  i++; // inner signature algorithm
  const issuer = parseName(fields[i++]);
  const [notBefore, notAfter] = children(fields[i++]).map((t) => {
    const p = decodeTime(t);
    return DateTime.fromParts(p.year, p.month, p.day, p.hour, p.minute, p.second)!;
  });
  const subject = parseName(fields[i++]);
  const [keyAlg] = children(fields[i++]);
  const keyAlgParts = children(keyAlg);
  const extensions: Certificate['extensions'] = [];
  for (; i < fields.length; i++) {
    if (fields[i].tag !== 0xa3) continue;
    for (const ext of children(children(fields[i])[0])) {
      const parts = children(ext);
      const critical = parts.length === 3 && parts[1].tag === 0x01 && parts[1].content[0] !== 0;
      extensions.push({ oid: decodeOid(parts[0].content), critical, value: parts[parts.length - 1].content });
    }
  }
  return {
    der,
    version,
    serialHex: Buffer.from(serial.content).toString('hex').toUpperCase(),
    signatureAlgorithmOid: decodeOid(children(sigAlg)[0].content),
    issuer,
    subject,
    notBefore,
    notAfter,
    keyAlgorithmOid: decodeOid(keyAlgParts[0].content),
    keyAlgorithmParams: keyAlgParts[1]?.encoded ?? new Uint8Array(0),
    extensions,
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
  };
}

function parseName(name: DerElement): NameAttribute[][] {
  return children(name).map((rdn) =>
    children(rdn).map((atv) => {
      const [oid, value] = children(atv);
      return { oid: decodeOid(oid.content), value: decodeString(value) };
    }),
  );
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** A name as .NET prints it: most specific RDN first, `", "` between RDNs, special values quoted. */
export function formatName(name: NameAttribute[][]): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((a) => `${SHORT_NAMES[a.oid] ?? `OID.${a.oid}`}=${quoteValue(a.value)}`).join(' + '))
    .join(', ');
}

function quoteValue(v: string): string {
  return /[,+=<>#;"\n]|^\s|\s$/.test(v) || v.length === 0 ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The first value of an attribute type in a name (most specific RDN first). */
export function nameValue(name: NameAttribute[][], oid: string): string | undefined {
  for (let i = name.length - 1; i >= 0; i--) for (const a of name[i]) if (a.oid === oid) return a.value;
  return undefined;
}

/** The subject (2.5.29.17) or issuer (2.5.29.18) alternative names. */
export function altNames(cert: Certificate, forIssuer: boolean): AltNames {
  const out: AltNames = { email: [], dns: [], uri: [], upn: [] };
  const ext = cert.extensions.find((e) => e.oid === (forIssuer ? '2.5.29.18' : '2.5.29.17'));
  if (!ext) return out;
  for (const gn of children(readElement(ext.value, 0).element)) {
    const text = () => Buffer.from(gn.content).toString('latin1');
    switch (gn.tag) {
      case 0x81:
        out.email.push(text());
        break;
      case 0x82:
        out.dns.push(text());
        break;
      case 0x86:
        out.uri.push(text());
        break;
      case 0xa0: {
        const [oid, value] = children(gn);
        if (decodeOid(oid.content) === '1.3.6.1.4.1.311.20.2.3') out.upn.push(decodeString(children(value)[0]));
        break;
      }
    }
  }
  return out;
}
