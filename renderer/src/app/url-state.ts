// The console's place in the address bar: the tab, its filters and queries, and the open dialog live in the
// URL's query, so a link opens the same view, Back goes to the previous one, and a reload keeps the place.
import { useCallback, useSyncExternalStore } from 'react';

const CHANGED = 'idsync:url-changed';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

const snapshot = () => window.location.search;

/** A patch: a string sets a parameter, null removes it. */
export type UrlPatch = Record<string, string | null | undefined>;

/** The query after applying a patch (parameters in a stable order, empty values dropped). */
export function applyPatch(search: string, patch: UrlPatch): string {
  const params = new URLSearchParams(search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null || v === '') params.delete(k);
    else params.set(k, v);
  }
  params.sort();
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Changes the URL's query: `push` makes a new history entry (Back returns here), otherwise it is replaced. */
export function navigate(patch: UrlPatch, push = true): void {
  const next = applyPatch(window.location.search, patch);
  if (next === window.location.search) return;
  const url = `${window.location.pathname}${next}${window.location.hash}`;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  window.dispatchEvent(new Event(CHANGED));
}

/** The URL's query parameters, re-rendering on navigation and Back/Forward. */
export function useUrlParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, snapshot);
  return new URLSearchParams(search);
}

/** One parameter with its setter. */
export function useUrlParam(name: string): [string | null, (value: string | null, push?: boolean) => void] {
  const value = useUrlParams().get(name);
  const set = useCallback((v: string | null, push = true) => navigate({ [name]: v }, push), [name]);
  return [value, set];
}
