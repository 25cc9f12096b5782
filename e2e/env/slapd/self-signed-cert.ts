// A self-signed server certificate for 127.0.0.1/localhost, made with the openssl command-line tool.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CertFiles {
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate in PEM form; it is its own CA, so clients pin it as the trusted CA. */
  readonly certPem: string;
}

/** Writes key.pem and cert.pem into dir (valid for localhost and 127.0.0.1). */
export async function makeSelfSignedCert(dir: string): Promise<CertFiles> {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '3650',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', keyFile, '-out', certFile,
  ]);
  return { certFile, keyFile, certPem: await readFile(certFile, 'utf8') };
}
