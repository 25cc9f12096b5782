// A private Samba AD domain controller on 127.0.0.1. The domain is provisioned once into a template directory
// (cached under the OS temp dir, keyed by Samba version); each start copies the template and runs
// `samba -i -M single` on the copy. AD's LDAP ports are fixed (389/636), so only one DC runs at a time:
// a lock serializes users across processes.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { access, cp, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitForPort } from '../slapd/free-port.ts';
import { acquireLock } from './dir-lock.ts';
import { ldapPortBusy, PORT_LOCK, SAMBA, SAMBA_TOOL, sambaAvailable } from './samba-available.ts';

const run = promisify(execFile);

export const AD_REALM = 'EXAMPLE.TEST';
export const AD_DOMAIN = 'EXAMPLE';
export const AD_BASE_DN = 'DC=example,DC=test';
const ADMIN_PASSWORD = 'Passw0rd!AD';

export interface SambaAdInstance {
  readonly url: string;
  readonly ldapsUrl: string;
  /** The DC's self-made CA certificate (its server certificate names DC1.example.test, not 127.0.0.1). */
  readonly caPem: string;
  readonly tlsServerName: string;
  readonly bindDn: string;
  readonly password: string;
  readonly baseDn: string;
  readonly dir: string;
  stop(): Promise<void>;
}

const root = os.tmpdir();

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/** Provisions the template once (about 10 s); later calls find it ready. */
async function ensureTemplate(version: string): Promise<string> {
  const template = path.join(root, `idsync-samba-ad-${version.replace(/[^\w.-]/g, '_')}`);
  if (await exists(path.join(template, 'etc', 'smb.conf'))) return template;
  const release = await acquireLock(`${template}.lock`, 180_000);
  try {
    if (await exists(path.join(template, 'etc', 'smb.conf'))) return template;
    const work = `${template}.build-${process.pid}`;
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    const empty = path.join(work, 'empty.conf');
    await writeFile(empty, ''); // do not inherit the host's /etc/samba/smb.conf
    try {
      await run(SAMBA_TOOL, [
        'domain', 'provision', '-s', empty, `--targetdir=${work}`, '--use-rfc2307', `--realm=${AD_REALM}`,
        `--domain=${AD_DOMAIN}`, `--adminpass=${ADMIN_PASSWORD}`, '--server-role=dc', '--dns-backend=NONE',
        '--backend-store=mdb', '--host-name=dc1', '--host-ip=127.0.0.1', '--option=netbios name = DC1',
        '--option=interfaces = 127.0.0.1', '--option=bind interfaces only = yes', '--option=server services = ldap',
        `--option=log file = ${work}/log.%m`, `--option=pid directory = ${work}/run`,
      ], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      throw new Error(`samba-tool domain provision failed: ${String((error as { stderr?: string }).stderr ?? error).slice(-800)}`);
    }
    const conf = path.join(work, 'etc', 'smb.conf');
    // Provision does not persist these: simple binds over ldap:// (tests), and no fsync for test data.
    const text = (await readFile(conf, 'utf8')).replace(/^\[global\]$/m, '[global]\n\tldap server require strong auth = no\n\tldb:nosync = true');
    await writeFile(conf, text);
    await run(SAMBA_TOOL, ['domain', 'passwordsettings', 'set', '-s', conf, '-H', path.join(work, 'private', 'sam.ldb'),
      '--complexity=off', '--history-length=0', '--min-pwd-age=0', '--max-pwd-age=0']);
    await mkdir(path.join(work, 'run'), { recursive: true });
    // The first start creates private/tls/{ca,cert,key}.pem; the copies reuse them.
    const first = await launch(work);
    await first.stop();
    await rename(work, template);
    // Paths inside smb.conf still name the build directory; each copy rewrites them.
    await writeFile(path.join(template, 'origin'), work);
    return template;
  } finally {
    await release();
  }
}

async function launch(dir: string): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  if (await ldapPortBusy()) throw new Error('port 389 on 127.0.0.1 is already in use; cannot start a Samba AD DC');
  const out = openSync(path.join(dir, 'samba.out'), 'w');
  const child = spawn(SAMBA, ['-i', '-M', 'single', '-s', path.join(dir, 'etc', 'smb.conf')], { stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async (): Promise<void> => {
    if (!exited) child.kill('SIGTERM');
    if (!(await waitForPort(389, false, 10_000))) child.kill('SIGKILL');
    await waitForPort(389, false, 5_000);
    await waitForPort(636, false, 5_000);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`samba exited: ${(await readFile(path.join(dir, 'samba.out'), 'utf8').catch(() => '')).slice(-800)}`);
    try {
      await run('/usr/bin/ldapsearch', ['-x', '-H', 'ldap://127.0.0.1:389', '-s', 'base', '-b', '', 'defaultNamingContext']);
      if (await exists(path.join(dir, 'private', 'tls', 'ca.pem'))) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('samba did not answer LDAP within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, stop };
}

/** Starts a fresh DC from the template; throws with the reason when Samba cannot run here. */
export async function startSambaAd(): Promise<SambaAdInstance> {
  const availability = await sambaAvailable();
  if (!availability.ok) throw new Error(availability.reason);
  // Held from the template's first start until this DC stops: both need the fixed ports.
  const release = await acquireLock(PORT_LOCK, 300_000);
  try {
    const template = await ensureTemplate(availability.version);
    const dir = path.join(root, `idsync-samba-run-${process.pid}-${Date.now()}`);
    // The template holds the sockets of its first start (private/ldapi, …); a socket cannot be copied.
    await cp(template, dir, { recursive: true, filter: async (src) => !(await lstat(src)).isSocket() });
    const origin = (await readFile(path.join(template, 'origin'), 'utf8')).trim();
    const conf = path.join(dir, 'etc', 'smb.conf');
    await writeFile(conf, (await readFile(conf, 'utf8')).split(origin).join(dir));
    const server = await launch(dir);
    return {
      url: 'ldap://127.0.0.1:389',
      ldapsUrl: 'ldaps://127.0.0.1:636',
      caPem: await readFile(path.join(dir, 'private', 'tls', 'ca.pem'), 'utf8'),
      tlsServerName: 'DC1.example.test',
      bindDn: `CN=Administrator,CN=Users,${AD_BASE_DN}`,
      password: ADMIN_PASSWORD,
      baseDn: AD_BASE_DN,
      dir,
      stop: async () => {
        try {
          await server.stop();
          await rm(dir, { recursive: true, force: true });
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
