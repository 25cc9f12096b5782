// Checks that the system programs a suite needs are on PATH.
import fs from 'node:fs';
import path from 'node:path';

/** True when `program` is an executable file in one of the PATH directories. */
export function onPath(program: string, envPath = process.env.PATH ?? ''): boolean {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      try {
        fs.accessSync(path.join(dir, program + ext), fs.constants.X_OK);
        return true;
      } catch {
        // not in this directory
      }
    }
  }
  return false;
}

// Daemons such as slapd live in sbin, which ordinary users often lack on PATH.
const sbinDirs = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The programs in `needs` that are missing from PATH (and from the sbin directories). */
export function missingPrograms(needs: readonly string[] | undefined): string[] {
  const searchPath = [process.env.PATH ?? '', ...(process.platform === 'win32' ? [] : sbinDirs)].join(path.delimiter);
  return (needs ?? []).filter((p) => !onPath(p, searchPath));
}
