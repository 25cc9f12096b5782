// The rows of each exportable grid, page by page, as CSV cells: the same text the console's grid shows.
import type { z } from 'zod';
import type { ExportColumn, ExportSource } from '../../../shared/model/grid-export.ts';
import { formatDuration, formatValues } from '../../../shared/model/value-text.ts';
import { runStatusText } from '../../../shared/model/run-status-text.ts';
import { stateText } from '../../../shared/model/cs-state-text.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import type { CsObject } from '../../model/objects.ts';
import type { StoredAttributes } from '../../model/stored-values.ts';
import { valueText } from '../../model/stored-values.ts';
import { matchesClause } from '../../store/mv-clause.ts';
import { mvAttributesAfter } from '../../store/mv-pages.ts';
import type { CsPage } from '../../store/cs-store.ts';
import { ApiError } from '../api-error.ts';
import { csColumnView } from './column-values.ts';
import { runsPage } from './operations.ts';

type Source = z.output<typeof ExportSource>;

/** A pager over a grid's rows: the total, and pages of cell texts until it returns null. */
export interface RowPager {
  readonly total: number;
  next(): string[][] | null;
}

const PAGE = 2000;

function attrCell(attrs: StoredAttributes, field: string): string | null {
  return field.startsWith('attr:') ? formatValues(attrs[field.slice(5)]) : null;
}

function csCell(o: CsObject, field: string, view: () => StoredAttributes): string {
  switch (field) {
    case 'dn': return o.dn;
    case 'objectType': return o.objectType;
    case 'anchor': return o.anchor ?? '';
    case 'state': return stateText(o.state, o.transient);
    case 'pendingImport': return o.pendingImport?.op ?? '';
    case 'pendingExport': return o.pendingExport?.op ?? '';
    case 'hasError': return o.errors.import || o.errors.sync || o.errors.export ? 'yes' : '';
    case 'mvId': return o.mvId === null ? '' : String(o.mvId);
    case 'id': return String(o.id);
  }
  return attrCell(view(), field) ?? '';
}

function mvCell(o: { id: number; objectType: string; attrs: StoredAttributes }, field: string): string {
  if (field === 'id') return String(o.id);
  if (field === 'objectType') return o.objectType;
  if (field === 'displayName' || field === 'attr:displayName') {
    const v = o.attrs.displayName?.[0] ?? o.attrs.cn?.[0];
    return v === undefined ? `(${o.id})` : valueText(v);
  }
  return attrCell(o.attrs, field) ?? '';
}

type RunRow = ReturnType<typeof runsPage>['items'][number];
function runCell(r: RunRow, field: string): string {
  switch (field) {
    case 'connector': return r.connector;
    case 'profile': return r.profile;
    case 'status': return runStatusText(r.status);
    case 'statusCode': return r.status;
    case 'startedAt': return r.startedAt;
    case 'endedAt': return r.endedAt ?? '';
    case 'duration': return r.durationMs === null ? '' : formatDuration(r.durationMs);
    case 'startedBy': return r.startedBy;
    case 'totals': return `${r.totals.adds} / ${r.totals.updates} / ${r.totals.deletes} / ${r.totals.errors}`;
    case 'cycle': return r.cycle ?? '';
    default: return r.id;
  }
}

const FIELDS: Record<Source['grid'], { readonly fields: readonly string[]; readonly attributes: boolean; readonly what: string }> = {
  'cs.search': { fields: ['id', 'dn', 'objectType', 'anchor', 'state', 'pendingImport', 'pendingExport', 'hasError', 'mvId'], attributes: true, what: 'Connector space' },
  'mv.search': { fields: ['id', 'objectType', 'displayName'], attributes: true, what: 'Metaverse' },
  'operations.runs': { fields: ['id', 'connector', 'profile', 'status', 'statusCode', 'startedAt', 'endedAt', 'duration', 'startedBy', 'totals', 'cycle'], attributes: false, what: 'Run history' },
};

/** A pager over the rows of `source`, producing the cells of `columns`; unknown columns are refused before anything is written. */
export function rowPager(engine: SyncEngine, source: Source, columns: readonly ExportColumn[]): RowPager {
  const fields = columns.map((c) => c.field);
  const known = FIELDS[source.grid];
  const unknown = fields.filter((f) => !known.fields.includes(f) && !(known.attributes && f.startsWith('attr:') && f.length > 5));
  if (unknown.length) throw new ApiError('invalid-request', `${known.what} exports have no column ${unknown.map((f) => `"${f}"`).join(', ')} (columns: ${known.fields.join(', ')}${known.attributes ? ', attr:NAME' : ''})`);
  const store = engine.store;
  if (source.grid === 'cs.search') {
    const seq = engine.connector(source.connector).seq;
    let page: CsPage | null = store.cs.search(seq, source.search, null, PAGE, source.clauses);
    return {
      total: page.total,
      next() {
        if (!page) return null;
        const current: CsPage = page;
        page = current.nextCursor ? store.cs.search(seq, source.search, current.nextCursor, PAGE, source.clauses) : null;
        return current.items.map((o) => {
          let view: StoredAttributes | null = null;
          return fields.map((f) => csCell(o, f, () => (view ??= csColumnView(o))));
        });
      },
    };
  }
  if (source.grid === 'mv.search') {
    const total = store.mv.search(source.objectType, source.clauses, null, 1).total;
    let after = 0;
    return {
      total,
      next() {
        const page = mvAttributesAfter(store, source.objectType, after, PAGE);
        if (page.length === 0) return null;
        after = page[page.length - 1].id;
        return page.filter((o) => source.clauses.every((c) => matchesClause(o.attrs[c.attribute], c))).map((o) => fields.map((f) => mvCell(o, f)));
      },
    };
  }
  const query = source.query;
  let offset = 0;
  const first = runsPage(engine, { ...query, offset: 0, limit: 1000 });
  return {
    total: first.total,
    next() {
      if (offset >= first.total) return null;
      const page = offset === 0 ? first : runsPage(engine, { ...query, offset, limit: 1000 });
      offset += 1000;
      return page.items.map((r) => fields.map((f) => runCell(r, f)));
    },
  };
}
