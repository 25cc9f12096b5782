// Graph failures → export errors with spec §14.4 codes; Entra's own error name goes into the message.
import type { ExportError } from '../contract.ts';
import type { GraphErrorInfo } from './graph-session.ts';

/** What a Graph error means for one exported object, named by its DN. */
export function exportErrorFromGraph(info: GraphErrorInfo, what: string): ExportError {
  const detail = JSON.stringify({ status: info.status, code: info.code, message: info.message, details: info.detailCodes, target: info.target });
  if (info.detailCodes.includes('ObjectConflict')) {
    return { code: 'cd-error', message: `AttributeValueMustBeUnique: ${what}: another object already has this ${info.target ?? 'value'} (Graph ObjectConflict)`, detail };
  }
  if (info.status === 404) return { code: 'cd-missing-object', message: `${what} does not exist in Entra ID (Graph ${info.code})`, detail };
  if (info.status === 403) return { code: 'permission-issue', message: `${what}: the app lacks the Graph permission for this write (Graph ${info.code}: ${info.message})`, detail };
  if (/on-premises mastered/i.test(info.message)) {
    return { code: 'cd-error', message: `${what} is mastered on-premises (onPremisesSyncEnabled) and Graph refuses changes to it (Graph ${info.code})`, detail };
  }
  if (/read-only/i.test(info.message)) return { code: 'cd-error', message: `${what}: ${info.message} (Graph ${info.code})`, detail };
  if (/userPrincipalName/.test(info.message)) return { code: 'cd-error', message: `IdentityDataValidationFailed: ${what}: ${info.message} (Graph ${info.code})`, detail };
  return { code: 'cd-error', message: `${what}: Graph ${info.status} ${info.code}: ${info.message}`, detail };
}

/** An error the connector raises itself, before sending anything. */
export function localError(code: string, message: string): ExportError {
  return { code, message };
}
