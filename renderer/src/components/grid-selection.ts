// Row selection the way desktop lists behave: a plain click selects exactly that row, Ctrl/Cmd-click adds or
// removes one, Shift-click extends from the last clicked row. The focused row (the last one clicked) is what
// single-object actions and detail panes follow.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { GridApi, GridCellParams, GridRowId, GridRowParams, GridRowSelectionModel, MuiEvent } from '@mui/x-data-grid';
import { emptySelection, selectedRows } from './selection.ts';

/** What a grid tells its owner when the selection changes: the focused row and every selected row. */
export type SelectionListener<R> = (focused: R | null, selected: R[]) => void;

export interface GridSelection<R> {
  readonly model: GridRowSelectionModel;
  readonly picked: R[];
  readonly focused: R | null;
  onRowClick(params: GridRowParams, event: MuiEvent<React.MouseEvent>): void;
  /** Space selects the row with the focus (Ctrl+Space toggles it); returns true when it handled the key. */
  onKey(params: GridCellParams, event: MuiEvent<React.KeyboardEvent>): boolean;
  /** Selection changes the grid makes itself (Shift+arrows, Ctrl+A). */
  onModelChange(model: GridRowSelectionModel): void;
  reset(): void;
}

/** The next selection after a click: the pure rule, kept apart so it can be tested. */
export function clickSelection(current: ReadonlySet<GridRowId>, order: readonly GridRowId[], anchor: GridRowId | null, id: GridRowId, keys: { ctrl: boolean; shift: boolean }): Set<GridRowId> {
  if (keys.shift && anchor !== null && order.includes(anchor)) {
    const [a, b] = [order.indexOf(anchor), order.indexOf(id)].sort((x, y) => x - y);
    const range = order.slice(a, b + 1);
    return keys.ctrl ? new Set([...current, ...range]) : new Set(range);
  }
  if (keys.ctrl) {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }
  return new Set([id]);
}

/** Selection state of one grid over `rows`. */
export function useGridSelection<R>(rows: readonly R[], getRowId: (row: R) => GridRowId, apiRef: React.RefObject<GridApi | null>, onSelect?: SelectionListener<R>): GridSelection<R> {
  const [model, setModel] = useState<GridRowSelectionModel>(emptySelection);
  const [focusedId, setFocusedId] = useState<GridRowId | null>(null);
  const anchor = useRef<GridRowId | null>(null);
  const byId = useMemo(() => new Map(rows.map((r) => [getRowId(r), r])), [rows, getRowId]);
  const apply = useCallback(
    (next: GridRowSelectionModel, focus: GridRowId | null) => {
      setModel(next);
      setFocusedId(focus);
      const picked = selectedRows(rows, next, getRowId);
      const focused = focus !== null && picked.some((r) => getRowId(r) === focus) ? (byId.get(focus) ?? null) : (picked[picked.length - 1] ?? null);
      onSelect?.(focused, picked);
    },
    [rows, getRowId, byId, onSelect],
  );
  const order = () => apiRef.current?.getSortedRowIds() ?? rows.map(getRowId);
  const ids = () => new Set(selectedRows(rows, model, getRowId).map(getRowId));
  const click = (id: GridRowId, ctrl: boolean, shift: boolean) => {
    const next = clickSelection(ids(), order(), anchor.current, id, { ctrl, shift });
    if (!shift) anchor.current = id;
    apply({ type: 'include', ids: next }, next.has(id) ? id : null);
  };
  const picked = selectedRows(rows, model, getRowId);
  const focused = focusedId !== null && picked.some((r) => getRowId(r) === focusedId) ? (byId.get(focusedId) ?? null) : (picked[picked.length - 1] ?? null);
  return {
    model,
    picked,
    focused,
    onRowClick: (params, event) => click(params.id, event.ctrlKey || event.metaKey, event.shiftKey),
    onKey: (params, event) => {
      if (event.key !== ' ' || event.shiftKey) return false;
      event.preventDefault();
      event.defaultMuiPrevented = true;
      click(params.id, event.ctrlKey || event.metaKey, false);
      return true;
    },
    onModelChange: (next) => apply(next, focusedId),
    reset: () => {
      anchor.current = null;
      apply(emptySelection(), null);
    },
  };
}
