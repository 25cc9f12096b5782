// The Search Connector Space form and the scope request it makes.
import type { CsSearchScope } from '../../../shared/model/connector-space.ts';

export type ScopeKind = CsSearchScope['scope'];
export type ChangeOpName = 'add' | 'update' | 'delete' | 'delete-add';
export type DisconnectorKind = 'normal' | 'filtered' | 'explicit';

/** Everything the scope controls hold; only the fields of the chosen scope matter. */
export interface ScopeForm {
  readonly scope: ScopeKind;
  /** DN, RDN, or DN-or-anchor text. */
  readonly text: string;
  readonly ops: readonly ChangeOpName[];
  readonly kinds: readonly DisconnectorKind[];
}

/** The scopes in the order of the Scope drop-down, with their labels. */
export const SCOPES: readonly { readonly scope: ScopeKind; readonly label: string; readonly needs: 'text' | 'ops' | 'kinds' | null; readonly textLabel?: string }[] = [
  { scope: 'all', label: 'All objects', needs: null },
  { scope: 'subtree', label: 'Subtree', needs: 'text', textLabel: 'Container DN' },
  { scope: 'rdn', label: 'RDN', needs: 'text', textLabel: 'RDN (e.g. CN=Ann Lee)' },
  { scope: 'dn-or-anchor', label: 'DN or Anchor', needs: 'text', textLabel: 'Distinguished name or anchor' },
  { scope: 'pending-import', label: 'Pending Import', needs: 'ops' },
  { scope: 'pending-export', label: 'Pending Export', needs: 'ops' },
  { scope: 'import-errors', label: 'Import Error', needs: null },
  { scope: 'sync-errors', label: 'Synchronization Error', needs: null },
  { scope: 'export-errors', label: 'Export Error', needs: null },
  { scope: 'disconnectors', label: 'Disconnectors', needs: 'kinds' },
  { scope: 'connectors', label: 'Connectors', needs: null },
  { scope: 'placeholders', label: 'Placeholders', needs: null },
  { scope: 'transient', label: 'Transient', needs: null },
];

/** The initial form: all objects, every operation and disconnector kind ticked. */
export const DEFAULT_FORM: ScopeForm = { scope: 'all', text: '', ops: ['add', 'update', 'delete'], kinds: ['normal', 'filtered', 'explicit'] };

/** The scope request of a form, or a message saying what is missing. */
export function buildScope(form: ScopeForm): { ok: true; scope: CsSearchScope } | { ok: false; message: string } {
  const def = SCOPES.find((s) => s.scope === form.scope);
  if (!def) return { ok: false, message: `Unknown scope "${form.scope}"` };
  const text = form.text.trim();
  if (def.needs === 'text' && !text) return { ok: false, message: `Enter the ${def.textLabel?.split(' (')[0].toLowerCase()} to search for` };
  if (def.needs === 'ops' && form.ops.length === 0) return { ok: false, message: `Tick at least one of Add, Update, Delete for ${def.label}` };
  if (def.needs === 'kinds' && form.kinds.length === 0) return { ok: false, message: 'Tick at least one disconnector kind' };
  switch (form.scope) {
    case 'subtree':
      return { ok: true, scope: { scope: 'subtree', dn: text } };
    case 'rdn':
      return { ok: true, scope: { scope: 'rdn', rdn: text } };
    case 'dn-or-anchor':
      return { ok: true, scope: { scope: 'dn-or-anchor', value: text } };
    case 'pending-import':
      // A delete-add is both a delete and an add; it shows with either box ticked.
      return { ok: true, scope: { scope: 'pending-import', ops: withDeleteAdd(form.ops) } };
    case 'pending-export':
      return { ok: true, scope: { scope: 'pending-export', ops: withDeleteAdd(form.ops) } };
    case 'disconnectors':
      return { ok: true, scope: { scope: 'disconnectors', kinds: [...form.kinds] } };
    default:
      return { ok: true, scope: { scope: form.scope } as CsSearchScope };
  }
}

function withDeleteAdd(ops: readonly ChangeOpName[]): ChangeOpName[] {
  const out: ChangeOpName[] = ops.filter((o) => o !== 'delete-add');
  if (out.includes('add') || out.includes('delete')) out.push('delete-add');
  return out;
}
