// Metaverse Search's query in the URL: scope, clauses, columns and whether it was run.
import { z } from 'zod';
import { MvClause } from '../../../shared/model/metaverse.ts';

export interface SearchState {
  readonly objectType: string | null;
  readonly clauses: MvClause[];
  readonly columns: string[];
  readonly searched: boolean;
}

const Clauses = z.array(MvClause);

/** Reads the search from URL parameters; unreadable clauses count as none. */
export function readSearch(params: URLSearchParams): SearchState {
  let clauses: MvClause[] = [];
  const text = params.get('mvClauses');
  if (text) {
    try {
      const parsed = Clauses.safeParse(JSON.parse(text));
      if (parsed.success) clauses = parsed.data;
    } catch {
      // A hand-edited link with broken JSON: start without clauses.
      clauses = [];
    }
  }
  const cols = params.get('mvCols');
  return {
    objectType: params.get('mvType'),
    clauses,
    columns: cols ? cols.split(',').filter(Boolean) : ['displayName'],
    searched: params.get('mvSearch') === '1',
  };
}

/** URL parameters of a search. */
export function searchParams(s: SearchState): Record<string, string | null> {
  return {
    mvType: s.objectType,
    mvClauses: s.clauses.length ? JSON.stringify(s.clauses) : null,
    mvCols: s.columns.join(','),
    mvSearch: s.searched ? '1' : null,
  };
}
