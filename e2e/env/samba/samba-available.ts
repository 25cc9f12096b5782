// Whether a Samba AD DC can run here, and if not, why (tests print the reason and fall back to slapd).
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { portOpen } from '../slapd/free-port.ts';

const run = promisify(execFile);

export const SAMBA = '/usr/sbin/samba';
export const SAMBA_TOOL = '/usr/bin/samba-tool';

export type SambaAvailability = { readonly ok: true; readonly version: string } | { readonly ok: false; readonly reason: string };

/** Checks binaries, privileges (AD's LDAP ports 389/636 are fixed) and that no other directory holds port 389. */
export async function sambaAvailable(): Promise<SambaAvailability> {
  if (process.env.IDSYNC_NO_SAMBA) return { ok: false, reason: 'IDSYNC_NO_SAMBA is set' };
  for (const bin of [SAMBA, SAMBA_TOOL]) {
    try {
      await access(bin);
    } catch {
      return { ok: false, reason: `${bin} not installed (Debian: samba samba-dsdb-modules samba-vfs-modules samba-ad-provision)` };
    }
  }
  if (process.getuid?.() !== 0) return { ok: false, reason: 'Samba AD needs root to listen on the fixed LDAP ports 389/636' };
  let version: string;
  try {
    version = (await run(SAMBA, ['--version'])).stdout.trim().replace(/^Version\s+/, '');
  } catch (error) {
    return { ok: false, reason: `samba --version failed: ${(error as Error).message}` };
  }
  // Another of our DCs holding 389 is fine (startSambaAd waits for its lock); a foreign listener is not.
  if ((await ldapPortBusy()) && !(await lockHeld())) return { ok: false, reason: 'port 389 on 127.0.0.1 is taken by another LDAP server' };
  return { ok: true, version };
}

/** The lock startSambaAd holds while one of its DCs owns the fixed ports. */
export const PORT_LOCK = path.join(os.tmpdir(), 'idsync-samba-ad-port389.lock');

async function lockHeld(): Promise<boolean> {
  return access(PORT_LOCK).then(
    () => true,
    () => false,
  );
}

/** True when something already listens on 127.0.0.1:389. */
export async function ldapPortBusy(): Promise<boolean> {
  return portOpen(389);
}
