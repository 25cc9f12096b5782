// Where IdSync keeps its data: --home, else IDSYNC_HOME, else the platform's app-data folder.
import os from 'node:os';
import path from 'node:path';

/** Resolves the data directory for this process. */
export function resolveHome(explicit?: string): string {
  if (explicit) return path.resolve(explicit);
  if (process.env.IDSYNC_HOME) return path.resolve(process.env.IDSYNC_HOME);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'IdSync');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'IdSync');
    default:
      return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'idsync');
  }
}
