// Which rows a grid's selection model picks, whatever form the model takes.
import type { GridRowId, GridRowSelectionModel } from '@mui/x-data-grid';

/** The selected rows in display order; an `exclude` model (select all) means every row but the listed ones. */
export function selectedRows<R>(rows: readonly R[], model: GridRowSelectionModel, getId: (row: R) => GridRowId): R[] {
  return rows.filter((r) => (model.type === 'include' ? model.ids.has(getId(r)) : !model.ids.has(getId(r))));
}

/** An empty selection. */
export function emptySelection(): GridRowSelectionModel {
  return { type: 'include', ids: new Set() };
}
