// Turns msal failures into the contract's CredentialsError / ConnectivityError with readable messages.
import { AuthError, ServerError } from '@azure/msal-node';
import { ConnectivityError, CredentialsError } from '../contract.ts';

const CREDENTIAL_CODES = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_request', 'invalid_tenant', 'invalid_scope']);

/** First sentence of an AADSTS description, without trace and correlation ids. */
function shortDescription(message: string): string {
  const m = /(AADSTS\d+: [^]*?\.)(?:\s|$)/.exec(message);
  return m ? m[1]! : message.split(/ Trace ID:| Timestamp:/)[0]!.trim();
}

/** Maps a token acquisition failure; `where` names the authority host. */
export function mapAuthError(error: unknown, where: string, transportError?: Error): Error {
  if (error instanceof ServerError || (error instanceof AuthError && CREDENTIAL_CODES.has(error.errorCode))) {
    const e = error as AuthError;
    return new CredentialsError(`Entra ID (${where}) refused the app's credentials: ${e.errorCode}: ${shortDescription(e.errorMessage || e.message)}`);
  }
  if (error instanceof AuthError) {
    const cause = error.errorCode === 'network_error' && transportError ? transportError.message : undefined;
    return new ConnectivityError(`Cannot get a token from ${where}: ${error.errorCode}${error.errorMessage ? `: ${shortDescription(error.errorMessage)}` : ''}${cause ? ` (${cause})` : ''}`);
  }
  return new ConnectivityError(`Cannot reach ${where}: ${(error as Error)?.message ?? String(error)}`);
}
