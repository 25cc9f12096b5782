// Certificate functions over the specification's test certificate and a self-signed EC certificate with alternative names.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorOf, ev } from './test-support.ts';

/** Self-signed P-256 certificate: subject C=US, O="Contoso, Ltd", CN=web.contoso.com; SAN DNS, email, URI and UPN. */
const EC_CERT = 'MIICPDCCAeKgAwIBAgIURKrGnyX9BOptE6wuVc6vEqGUBVEwCgYIKoZIzj0EAwIwPjELMAkGA1UEBhMCVVMxFTATBgNVBAoMDENvbnRvc28sIEx0ZDEYMBYGA1UEAwwPd2ViLmNvbnRvc28uY29tMCAXDTI2MTEyODA0NDIyMFoYDzIxMjYxMTA0MDQ0MjIwWjA+MQswCQYDVQQGEwJVUzEVMBMGA1UECgwMQ29udG9zbywgTHRkMRgwFgYDVQQDDA93ZWIuY29udG9zby5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQrpFp8PWB3ihTwgHTktB37EUBkxXDGFc+9iqYMzRK4vT29yb5vv+vkQOP6Jyjo1kqJ0D3H1v1DbuPpLIhUYWsDo4G7MIG4MB0GA1UdDgQWBBRPMCc98VInkbhLu54JBx7fwJqpCDAfBgNVHSMEGDAWgBRPMCc98VInkbhLu54JBx7fwJqpCDAPBgNVHRMBAf8EBTADAQH/MGUGA1UdEQReMFyCD3d3dy5jb250b3NvLmNvbYERYWRtaW5AY29udG9zby5jb22GFGh0dHBzOi8vY29udG9zby5jb20voCAGCisGAQQBgjcUAgOgEgwQamRvZUBjb250b3NvLmNvbTAKBggqhkjOPQQDAgNIADBFAiB5vOEwod1IqN4pDI2CPG6ZZkhmIULFrqK4uJPy9vzX1QIhAM+NLhwbyVrg1RDW9rM7fzPlZ2eElCAwJ9DRPIz0/dud';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vectorsPath = path.join(repoRoot, 'engine/test-data/function-vectors.json');

describe('certificate functions', () => {
  it('reads names, key and alternative names of an EC certificate', () => {
    const c = { c: { base64: EC_CERT } };
    expect(ev('CertSubject([c])', c)).toBe('CN=web.contoso.com, O="Contoso, Ltd", C=US');
    expect(ev('CertSubject([c]) = CertIssuerDN([c])', c)).toBe(true);
    expect(ev('CertKeyAlgorithm([c])', c)).toBe('1.2.840.10045.2.1');
    expect(ev('CertKeyAlgorithmParams([c])', c)).toBe('06082A8648CE3D030107');
    expect(ev('CertSignatureAlgorithmOid([c])', c)).toBe('1.2.840.10045.4.3.2');
    expect(ev('CertNameInfo([c], DnsName, False)', c)).toBe('www.contoso.com');
    expect(ev('CertNameInfo([c], "emailname", False)', c)).toBe('admin@contoso.com');
    expect(ev('CertNameInfo([c], UpnName, False)', c)).toBe('jdoe@contoso.com');
    expect(ev('CertNameInfo([c], UrlName, False)', c)).toBe('https://contoso.com/');
    expect(ev('CertNameInfo([c], SimpleName, True)', c)).toBe('web.contoso.com');
    expect(ev('CertNameInfo([c], DnsFromAlternativeName, True)', c)).toBe('');
    expect(ev('CertExtensionOids([c])', c)).toEqual(['2.5.29.19']);
    expect(ev('CertIssuerOid([c])', c)).toEqual({ null: true });
    expect(errorOf('CertNameInfo([c], "Bogus", False)', c)).toBeDefined();
  });

  it('accepts Base64 text bytes with or without PEM armour, and lifts over lists', () => {
    const der = Buffer.from(EC_CERT, 'base64');
    const pem = `-----BEGIN CERTIFICATE-----\n${EC_CERT.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
    const asText = { base64: Buffer.from(EC_CERT, 'latin1').toString('base64') };
    const asPem = { base64: Buffer.from(pem, 'latin1').toString('base64') };
    const thumb = ev('CertThumbprint([c])', { c: { base64: der.toString('base64') } });
    expect(thumb).toMatch(/^[0-9A-F]{40}$/);
    expect(ev('CertThumbprint([c])', { c: [asText, asPem] })).toEqual([thumb, thumb]);
    expect(ev('IsCert([c])', { c: { base64: Buffer.from('not a cert').toString('base64') } })).toBe(false);
    expect(ev('IsCert([missing])')).toBe(false);
    expect(ev('CertThumbprint([missing])')).toEqual({ null: true });
  });

  it('reads the RSA test certificate of the specification', () => {
    const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as { id: string; attrs: Record<string, unknown> }[];
    const attrs = vectors.find((v) => v.id === 'cert.thumbprint')!.attrs;
    expect(ev('CertKeyAlgorithmParams([cert])', attrs)).toBe('0500');
    expect(ev('CertVersion([cert])', attrs)).toBe(3n);
    expect(ev('CertHashString([cert]) = CertThumbprint([cert])', attrs)).toBe(true);
    expect(ev('CertPublicKeyOid([cert])', attrs)).toBe('1.2.840.113549.1.1.1');
    expect(ev('CertNameInfo([cert], SimpleName, True)', attrs)).toBe('IdSync Test CA');
  });
});
