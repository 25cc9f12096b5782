// Whether a process named in a lock file, a run record or a temporary file's name still exists: what tells a
// crashed holder from a live one.

/** True while a process with this id exists on this machine (a process of another user counts too). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
