// Classifying ldapts failures: connectivity and credential failures stop a run; result codes of single
// operations map to the export error codes of the specification (§14.4).
import { ResultCodeError } from 'ldapts';
import { ConnectivityError, CredentialsError, type ExportError } from '../contract.ts';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const NETWORK_MESSAGE = /Socket error|Connection closed|Connection timeout|socket hang up|ECONNREFUSED|ECONNRESET|EPIPE|Request timed out|timed out/i;
/** busy, unavailable, unwilling-to-perform is NOT here: it is an object-level refusal. */
const SERVER_DOWN_CODES = new Set([51, 52]);

/** True when the failure means the server cannot be reached or the connection dropped. */
export function isConnectivityFailure(error: unknown): boolean {
  if (error instanceof ConnectivityError) return true;
  if (error instanceof ResultCodeError) return SERVER_DOWN_CODES.has(error.code);
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return NETWORK_CODES.has(code) || isTlsFailure(error) || NETWORK_MESSAGE.test(error.message);
}

/** True for certificate and handshake failures. */
export function isTlsFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  return /CERT|SELF_SIGNED|ERR_SSL|ERR_TLS|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code) || /certificate|TLS|SSL/i.test(error.message);
}

/** What to do when the certificate names the server by another name than the URL (e.g. ldaps://<IP>). */
function serverNameHint(error: unknown): string {
  const e = error as { code?: string; cert?: { subjectaltname?: string; subject?: { CN?: string } } };
  if (e.code !== 'ERR_TLS_CERT_ALTNAME_INVALID') return '';
  const names = (e.cert?.subjectaltname ?? '').split(/,\s*/).filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4));
  const name = names[0] ?? e.cert?.subject?.CN;
  if (!name) return '. Set tlsServerName to the host name the server certificate names';
  return `. The certificate names ${names.length > 0 ? names.join(', ') : name}: set tlsServerName to "${name}" (idsync setup: --tls-server-name ${name})`;
}

/** Removes every occurrence of the secrets from a message (defence in depth: ldapts never echoes them). */
export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}

/** Turns a failure of a connector-level operation into ConnectivityError / CredentialsError, or keeps it. */
export function classify(error: unknown, where: string, secrets: readonly string[]): Error {
  const message = redact(error instanceof Error ? error.message : String(error), secrets);
  if (error instanceof ConnectivityError || error instanceof CredentialsError) return error;
  if (error instanceof ResultCodeError && error.code === 49) return new CredentialsError(`${where}: credentials refused (${message})`);
  if (isConnectivityFailure(error)) {
    const prefix = isTlsFailure(error) ? 'TLS negotiation failed' : 'connection failed';
    return new ConnectivityError(`${where}: ${prefix}: ${message}${serverNameHint(error)}`);
  }
  // Result codes stay typed (callers test e.g. NoSuchObjectError); their messages come from the server.
  if (error instanceof ResultCodeError) return error;
  return new Error(`${where}: ${message}`);
}

const EXPORT_CODES: Record<number, string> = {
  16: 'constraint-violation', // noSuchAttribute (deleting a value that is not there)
  17: 'schema-violation', // undefinedAttributeType
  18: 'syntax-violation', // inappropriateMatching
  19: 'constraint-violation',
  20: 'constraint-violation', // attributeOrValueExists
  21: 'syntax-violation', // invalidAttributeSyntax
  34: 'invalid-dn',
  50: 'permission-issue',
  64: 'invalid-dn', // namingViolation
  65: 'schema-violation', // objectClassViolation
  67: 'modify-naming-attribute', // notAllowedOnRDN
  68: 'cd-existing-object',
  69: 'schema-violation', // objectClassModsProhibited
};

/** Readable form of a result-code error: `no such object (LDAP 32): <server text>`. */
export function describeResultCode(error: ResultCodeError, secrets: readonly string[] = []): string {
  const name = error.constructor.name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const serverText = redact(error.message, secrets).replace(/\s*Code: 0x[0-9a-f]+\s*$/i, '').trim();
  return `${name} (LDAP ${error.code})${serverText ? `: ${serverText}` : ''}`;
}

/** Export error for one failed operation; `op` decides whether "no such object" means a missing parent. */
export function exportErrorOf(error: unknown, op: 'add' | 'update' | 'delete' | 'rename', secrets: readonly string[], password = false): ExportError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = redact(raw, secrets);
  if (error instanceof ResultCodeError) {
    let code = EXPORT_CODES[error.code] ?? 'cd-error';
    if (error.code === 32) code = op === 'add' || op === 'rename' ? 'non-existent-parent' : 'cd-missing-object';
    if (password && error.code === 19) code = 'password-policy-violation';
    if (password && (error.code === 53 || error.code === 13)) code = 'password-set-disallowed';
    return { code, message: describeResultCode(error, secrets), detail: `LDAP result code ${error.code}; ${message.trim()}` };
  }
  return { code: 'unexpected-error', message };
}
