// The headless host's token as the page holds it: taken once from the address bar (`?token=`) into session
// storage, which browsers keep per origin and so per port, then removed from the address bar.
import { WEB_TOKEN_STORAGE_KEY } from '../../../shared/api/transport.ts';

/** The token for this page's host, or null when the page was not opened with one. */
export function takeSessionToken(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(WEB_TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return storage.getItem(WEB_TOKEN_STORAGE_KEY);
}
