// Test-only PKI made with the openssl CLI: a throwaway CA, a loopback server certificate it signs,
// and self-signed client certificates for certificate-credential sign-in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestPki {
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
}

export interface TestClientCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'entra-emu-pki-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Generates a CA and a server certificate for 127.0.0.1 signed by it. */
export function generateTestPki(): TestPki {
  return inTempDir((dir) => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', 'ca.key', '-out', 'ca.pem',
      '-subj', '/CN=IdSync Entra emulator test CA', '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
    writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
      '-out', 'server.pem', '-extfile', 'ext.cnf'], dir);
    return {
      caPem: readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
      serverCertPem: readFileSync(path.join(dir, 'server.pem'), 'utf8'),
      serverKeyPem: readFileSync(path.join(dir, 'server.key'), 'utf8'),
    };
  });
}

/** Generates a self-signed certificate and key, as an app registration's certificate credential. */
export function generateClientCertificate(commonName = 'IdSync test app'): TestClientCertificate {
  return inTempDir((dir) => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', 'key.pem', '-out', 'cert.pem',
      '-subj', `/CN=${commonName}`], dir);
    return {
      certificatePem: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      privateKeyPem: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    };
  });
}
