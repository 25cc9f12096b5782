// Metaverse Search: object type scope, ANDed clauses, chosen columns, results and object properties. The
// query lives in the URL, so switching tabs, Back and reload keep it (and the cached results).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, FormControl, InputLabel, MenuItem, Paper, Select } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import type { MvObjectRow } from '../../../shared/model/metaverse.ts';
import { getApi } from '../api/client.ts';
import { useApiQuery } from '../api/hooks.ts';
import { navigate, useUrlParams } from '../app/url-state.ts';
import { ColumnChooser } from '../components/ColumnChooser.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatValues } from '../components/values.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { ObjectDialogs } from '../cs/ObjectDialogs.tsx';
import { ClauseBuilder, newClause } from './ClauseBuilder.tsx';
import { attributesInScope, buildClauses, defaultResultColumns, type ClauseDraft } from './clauses.ts';
import { readSearch, searchParams } from './search-url.ts';

const ANY = '__any__';

/** The metaverse search view. */
export function MetaverseSearchTab() {
  return (
    <ObjectDialogs>
      <MetaverseSearch />
    </ObjectDialogs>
  );
}

function draftsOf(clauses: readonly { attribute: string; operator: ClauseDraft['operator']; value: string }[]): ClauseDraft[] {
  return clauses.length ? clauses.map((c) => ({ ...newClause(), ...c })) : [newClause()];
}

function MetaverseSearch() {
  const nav = useObjectNavigation();
  const schema = useApiQuery('schema.get', {});
  const params = useUrlParams();
  const state = readSearch(params);
  const clausesKey = params.get('mvClauses') ?? '';
  const [objectType, setObjectType] = useState<string | null>(state.objectType);
  const [drafts, setDrafts] = useState<ClauseDraft[]>(() => draftsOf(state.clauses));
  const [problems, setProblems] = useState<string[]>([]);
  const [selected, setSelected] = useState<MvObjectRow | null>(null);
  // Back and Forward bring another query: the form follows it.
  useEffect(() => {
    const s = readSearch(new URLSearchParams(window.location.search));
    setDrafts(draftsOf(s.clauses));
    setObjectType(s.objectType);
  }, [clausesKey, state.objectType]);
  const attributes = useMemo(() => (schema.data ? attributesInScope(schema.data, objectType) : []), [schema.data, objectType]);
  const search = () => {
    const built = buildClauses(drafts, schema.data);
    if (!built.ok) return setProblems(built.problems);
    setProblems([]);
    const columns = [...new Set([...state.columns, ...defaultResultColumns(built.clauses)])];
    navigate(searchParams({ objectType, clauses: built.clauses, columns, searched: true }));
  };
  const submitted = state.searched ? { objectType: state.objectType ?? undefined, clauses: state.clauses } : null;
  const columns = useMemo<TableColumn<MvObjectRow>[]>(
    () => [
      ...state.columns.map((name) => ({
        field: `attr:${name}`,
        headerName: name,
        flex: 1,
        minWidth: 150,
        // Results can look empty when an attribute is unset; fall back to the object id as the original does.
        text: (r: MvObjectRow) => (name === 'displayName' ? (r.displayName ?? formatValues(r.attributes.displayName) ?? '') || `(${r.id})` : formatValues(r.attributes[name])),
      })),
      { field: 'objectType', headerName: 'Object Type', width: 110 },
      { field: 'id', headerName: 'Object ID', width: 280 },
    ],
    // The column list comes from the URL as a new array each render; its text says whether it changed.
    [state.columns.join(',')],
  );
  const choices = useMemo(() => ['displayName', ...attributes.map((a) => a.name).filter((n) => n !== 'displayName')].map((n) => ({ field: n, label: n })), [attributes]);
  const open = (r: MvObjectRow) => nav.open({ kind: 'mv', id: r.id });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1, minHeight: 0 }}>
      {schema.isError ? <ErrorAlert error={schema.error} what="Loading the metaverse schema" onRetry={() => void schema.refetch()} /> : null}
      <Paper variant="outlined" component="form" role="search" aria-label="Metaverse search" sx={{ p: 1, display: 'flex', flexDirection: 'column', gap: 1, maxHeight: '45%', overflow: 'auto' }} onSubmit={(e) => { e.preventDefault(); search(); }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <FormControl size="small" sx={{ minWidth: 220 }}>
            <InputLabel id="mv-scope-label">Scope by Object Type</InputLabel>
            <Select labelId="mv-scope-label" label="Scope by Object Type" value={objectType ?? ANY} onChange={(e) => setObjectType(e.target.value === ANY ? null : e.target.value)}>
              <MenuItem value={ANY}>Any object type</MenuItem>
              {(schema.data?.objectTypes ?? []).map((t) => (
                <MenuItem key={t.name} value={t.name}>
                  {t.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <Box sx={{ flex: 1 }} />
          <Button type="submit" variant="contained" startIcon={<SearchIcon />}>
            Search
          </Button>
        </Box>
        <ClauseBuilder attributes={attributes} clauses={drafts} onChange={setDrafts} />
        {problems.length ? (
          <Alert severity="warning" role="alert">
            {problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        ) : null}
      </Paper>
      <Box sx={{ flex: 1, minHeight: 200 }}>
        {submitted ? (
          <PagedTable<MvObjectRow>
            label="Search results"
            what="Searching the metaverse"
            queryKey={['mv.search', submitted, state.columns]}
            fetchPage={(cursor, limit) => getApi().call('mv.search', { ...submitted, columns: state.columns, cursor, limit })}
            exportSource={{ grid: 'mv.search', ...submitted }}
            columns={columns}
            getRowId={(r) => r.id}
            onSelect={setSelected}
            onOpen={open}
            actions={
              <>
                <ColumnChooser
                  choices={choices}
                  visible={state.columns}
                  onChange={(cols) => navigate({ mvCols: cols.join(',') }, false)}
                  fieldOfAttribute={(n) => n}
                />
                <Button disabled={!selected} onClick={() => selected && open(selected)}>
                  Properties
                </Button>
              </>
            }
          />
        ) : (
          <Alert severity="info">Build a query and press Search. All clauses must match (AND); indexed attributes search fastest.</Alert>
        )}
      </Box>
    </Box>
  );
}
