// The Search Connector Space query: one scope of the dialog (all, subtree, RDN, DN or anchor, pending changes,
// errors, states) and attribute clauses, ANDed. Clauses compare as Metaverse Search's do (case-insensitive text);
// `dn` and `anchor` name the object's DN and anchor. The clause the text index narrows best selects its objects (in
// SQL exactly on PostgreSQL; as candidates on SQLite, which each object confirms); any other clause is checked on
// each of them.
import type { CsSearchScope } from '../../shared/model/connector-space.ts';
import type { MvClause } from '../../shared/model/metaverse.ts';
import { dnKey } from '../model/dn.ts';
import type { CsObject } from '../model/objects.ts';
import { DN_KEY_MATCH, dnKeyParams, PLACEHOLDER, STATE_CODES } from './cs-columns.ts';
import { csClauseValues, csSearchView, csTextHolds, inRdnScope, type CsTextIndex } from './cs-text-index.ts';
import { matchesClause } from './mv-clause.ts';
import { narrowingClause, type TextQuery } from './text-index.ts';

/** A search as SQL over cs_objects, and what is left to check on each object. */
export interface CsQuery {
  /** Conditions on cs_objects, ANDed, for reading pages in id order. */
  readonly where: string;
  /** The same conditions for counting, free to read an index of the connector instead of the rows. */
  readonly countWhere: string;
  readonly params: readonly unknown[];
  /** True when SQL alone decides (no clause left to check), so it can count and page. */
  readonly exact: boolean;
  /** True when the lookup selects at most a few objects (a DN and an anchor), whose rows can be read with their ids. */
  readonly few: boolean;
  /**
   * When an indexed lookup selects the objects (rather than the connector's every object): SQL yielding the ids of
   * the matches in ascending order, from that lookup alone when nothing else applies.
   */
  readonly ids: { readonly sql: string; readonly params: readonly unknown[] } | null;
  /** SQL reading the candidate rows in id order when a clause is left to check on each object. */
  readonly candidates: { readonly sql: string; readonly params: readonly unknown[] };
  /** True when an object satisfies every clause. */
  check(o: CsObject): boolean;
}

/** Escapes LIKE wildcards in user text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A condition on cs_objects, or the ids an indexed lookup selects (which should drive the query). */
type Condition = { readonly sql: string; readonly params: readonly unknown[] } | { readonly ids: TextQuery };

const sqlOf = (c: Condition) => ('ids' in c ? `id IN (${c.ids.sql})` : c.sql);
const paramsOf = (c: Condition) => ('ids' in c ? c.ids.params : c.params);

function scopeCondition(connector: number, scope: CsSearchScope, text: CsTextIndex): Condition | null {
  // An empty list matches nothing: a text no operation has, a code no state has.
  const list = (values: readonly unknown[], none = "''") => values.map(() => '?').join(',') || none;
  switch (scope.scope) {
    case 'all':
      return null;
    case 'subtree':
      // The LIKE reads the DN itself where no key is kept: the two differ only in ASCII case, which LIKE ignores.
      return { sql: `((${DN_KEY_MATCH}) OR coalesce(dn_key, dn) LIKE '%,' || ? ESCAPE '\\')`, params: [...dnKeyParams(dnKey(scope.dn)), escapeLike(dnKey(scope.dn))] };
    case 'rdn': {
      // Too short for the index: every object is checked against the scope (see the query's check).
      const ids = text.byRdn(connector, scope.rdn);
      return ids && { ids };
    }
    case 'dn-or-anchor':
      return {
        ids: {
          sql: `SELECT id FROM cs_objects WHERE connector = ? AND ${DN_KEY_MATCH} UNION ALL SELECT id FROM cs_objects WHERE connector = ? AND anchor = ?`,
          params: [connector, ...dnKeyParams(dnKey(scope.value)), connector, scope.value],
          exact: true,
        },
      };
    case 'pending-import':
      return { sql: `pi_op IN (${list(scope.ops)})`, params: [...scope.ops] };
    case 'pending-export':
      return { sql: `pe_op IN (${list(scope.ops)})`, params: [...scope.ops] };
    case 'import-errors':
      return { sql: 'error_kinds & 1 <> 0', params: [] };
    case 'sync-errors':
      return { sql: 'error_kinds & 2 <> 0', params: [] };
    case 'export-errors':
      return { sql: 'error_kinds & 4 <> 0', params: [] };
    case 'disconnectors':
      return { sql: `state IN (${list(scope.kinds, '-1')})`, params: scope.kinds.map((k) => STATE_CODES[`disconnector.${k}`]) };
    case 'connectors':
      return { sql: `state IN (${STATE_CODES['connector.normal']}, ${STATE_CODES['connector.explicit']})`, params: [] };
    case 'placeholders':
      return { sql: `state = ${PLACEHOLDER}`, params: [] };
    case 'transient':
      return { sql: 'transient = 1', params: [] };
  }
}

/** Scopes an index of the connector space answers: (connector, pending import or export operation). */
const OWN_INDEX: ReadonlySet<CsSearchScope['scope']> = new Set(['pending-import', 'pending-export']);

/** The query of a scope and clauses over one connector space. */
export function csSearchQuery(connector: number, scope: CsSearchScope, clauses: readonly MvClause[], text: CsTextIndex): CsQuery {
  const conditions: Condition[] = [];
  const scoped = scopeCondition(connector, scope, text);
  if (scoped) conditions.push(scoped);
  const narrowing = narrowingClause(clauses, csTextHolds, text);
  const narrowed = narrowing && text.matching(connector, narrowing.attribute, narrowing.operator, narrowing.value);
  if (narrowed) conditions.push({ ids: narrowed });
  // Without statistics the planner prefers any index on the connector, which holds every object: an indexed lookup
  // must drive instead, and pages must walk the table in id order rather than sort the connector's index entries,
  // so the connector is then only checked (`+connector` uses no index). Scopes with an index of their own
  // (connector, pending operation) use it; a count may read any index of the connector.
  const selects = conditions.some((c) => 'ids' in c);
  const own = selects || !OWN_INDEX.has(scope.scope) ? '+connector = ?' : 'connector = ?';
  const where = [own, ...conditions.map(sqlOf)].join(' AND ');
  const countWhere = selects ? where : ['connector = ?', ...conditions.map(sqlOf)].join(' AND ');
  const params = [connector, ...conditions.flatMap(paramsOf)];
  // The RDN scope is exact in SQL only when its lookup is; otherwise each object is checked against it.
  const rdnExact = scope.scope !== 'rdn' || (scoped !== null && 'ids' in scoped && scoped.ids.exact);
  const exact = rdnExact && clauses.every((c) => c === narrowing && narrowed?.exact === true);
  // A lookup of this connector's objects, alone, needs no read of the objects to count them.
  const [only] = conditions;
  const ids = !selects ? null
    : conditions.length === 1 && 'ids' in only && only.ids.exact ? { sql: `SELECT DISTINCT * FROM (${only.ids.sql}) AS s ORDER BY 1`, params: only.ids.params }
    : { sql: `SELECT id FROM cs_objects WHERE ${where} ORDER BY id`, params };
  // Candidates of trigram documents come through the documents in id order, read only as far as a page needs.
  const d = narrowed && !narrowed.exact ? narrowed.documents : undefined;
  const others = conditions.filter((c) => !('ids' in c && c.ids === narrowed));
  const candidates = d
    ? {
        sql: `SELECT c.* FROM ${d} CROSS JOIN cs_objects c ON c.id = ${d}.rowid WHERE ${d} MATCH ? AND ${['c.connector = ?', ...others.map(sqlOf)].join(' AND ')} ORDER BY ${d}.rowid`,
        params: [narrowed!.params[0], connector, ...others.flatMap(paramsOf)],
      }
    : { sql: `SELECT * FROM cs_objects WHERE ${where} ORDER BY id`, params };
  return {
    where,
    countWhere,
    params,
    exact,
    few: scope.scope === 'dn-or-anchor',
    ids,
    candidates,
    check: (o) => {
      if (scope.scope === 'rdn' && !inRdnScope(o, scope.rdn)) return false;
      const view = csSearchView(o);
      return clauses.every((c) => matchesClause(csClauseValues(o, view, c.attribute), c));
    },
  };
}
