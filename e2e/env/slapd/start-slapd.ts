// Starts a private OpenLDAP slapd on a free loopback port, in its own temporary directory.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { baseEntriesLdif } from './base-entries.ts';
import { ldapAddText } from './bulk-load.ts';
import { freePort, waitForPort } from './free-port.ts';
import { makeSelfSignedCert } from './self-signed-cert.ts';
import { slapdConf } from './slapd-conf.ts';

const run = promisify(execFile);

export interface StartSlapdOptions {
  /** Default `dc=example,dc=com`. */
  readonly suffix?: string;
  /** Skip fsync (much faster bulk loads; test data only). Default true. */
  readonly nosync?: boolean;
  /** Also listen on ldaps:// with a self-signed certificate; also enables StartTLS on the plain port. */
  readonly tls?: boolean;
  /** Keep a change log under cn=accesslog. Default true. */
  readonly accesslog?: boolean;
  /** Extra schema texts (slapd.conf `attributetype`/`objectclass` lines), e.g. AD_LIKE_SCHEMA. */
  readonly schemas?: readonly string[];
  /** LDIF file loaded offline with `slapadd -q` before the server starts (fast big seeds; bypasses accesslog). */
  readonly seedLdif?: string;
}

export interface SlapdInstance {
  readonly url: string;
  readonly ldapsUrl?: string;
  /** The self-signed server certificate, to pin as CA (only with tls). */
  readonly caPem?: string;
  readonly bindDn: string;
  readonly password: string;
  readonly suffix: string;
  readonly port: number;
  readonly ldapsPort?: number;
  readonly dir: string;
  readonly confFile: string;
  /** Stops the server (SIGTERM by PID) and waits for the port to close; keeps the directory. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same ports with the same data. */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

const SLAPD = '/usr/sbin/slapd';

// slapd daemonizes, so it would outlive a test process that forgets stop(): such servers are ended on exit.
const running = new Set<number>();
let exitHookInstalled = false;
function track(pid: number): void {
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of running) {
      try {
        process.kill(p, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  });
}
const PASSWORD = 'secret';

/** Starts slapd, waits until it answers and adds the base entries. */
export async function startSlapd(options: StartSlapdOptions = {}): Promise<SlapdInstance> {
  const suffix = options.suffix ?? 'dc=example,dc=com';
  const bindDn = `cn=admin,${suffix}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'idsync-slapd-'));
  await mkdir(path.join(dir, 'data'));
  await mkdir(path.join(dir, 'accesslog'));
  const tls = options.tls ? await makeSelfSignedCert(dir) : undefined;
  const schemaFiles: string[] = [];
  for (const [i, text] of (options.schemas ?? []).entries()) {
    const file = path.join(dir, `extra-${i}.schema`);
    await writeFile(file, text);
    schemaFiles.push(file);
  }
  const { stdout: hash } = await run('/usr/sbin/slappasswd', ['-s', PASSWORD]);
  const confFile = path.join(dir, 'slapd.conf');
  await writeFile(
    confFile,
    slapdConf({
      dir,
      suffix,
      rootDn: bindDn,
      rootPwHash: hash.trim(),
      nosync: options.nosync ?? true,
      accesslog: options.accesslog ?? true,
      tls,
      schemaFiles,
    }),
  );
  await run('/usr/sbin/slaptest', ['-Q', '-u', '-f', confFile]);
  if (options.seedLdif) {
    const baseFile = path.join(dir, 'base.ldif');
    await writeFile(baseFile, baseEntriesLdif(suffix));
    await run('/usr/sbin/slapadd', ['-q', '-f', confFile, '-b', suffix, '-l', baseFile]);
    await run('/usr/sbin/slapadd', ['-q', '-f', confFile, '-b', suffix, '-l', options.seedLdif], {
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  const port = await freePort();
  const ldapsPort = tls ? await freePort() : undefined;
  const urls = [`ldap://127.0.0.1:${port}/`, ...(ldapsPort ? [`ldaps://127.0.0.1:${ldapsPort}/`] : [])];
  const pidFile = path.join(dir, 'slapd.pid');

  const launch = async (): Promise<void> => {
    // slapd daemonizes and writes its pidfile; the launcher process exits at once.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(SLAPD, ['-f', confFile, '-h', urls.join(' ')], { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`slapd exited with code ${code}`))));
    });
    if (!(await waitForPort(port, true, 10_000))) throw new Error(`slapd did not open port ${port}`);
    await waitForBind(`ldap://127.0.0.1:${port}`, bindDn);
    // The daemon has written its pidfile by the time it answers.
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    if (pid > 0) track(pid);
  };
  const stop = async (): Promise<void> => {
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    running.delete(pid);
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    if (!(await waitForPort(port, false, 10_000)) && pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await waitForPort(port, false, 5_000);
    }
    if (ldapsPort) await waitForPort(ldapsPort, false, 5_000);
  };

  await launch();
  if (!options.seedLdif) {
    await ldapAddText({ url: `ldap://127.0.0.1:${port}`, bindDn, password: PASSWORD }, baseEntriesLdif(suffix));
  }
  return {
    url: `ldap://127.0.0.1:${port}`,
    ldapsUrl: ldapsPort ? `ldaps://127.0.0.1:${ldapsPort}` : undefined,
    caPem: tls?.certPem,
    bindDn,
    password: PASSWORD,
    suffix,
    port,
    ldapsPort,
    dir,
    confFile,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForBind(url: string, bindDn: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await run('/usr/bin/ldapwhoami', ['-x', '-H', url, '-D', bindDn, '-w', PASSWORD]);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`slapd at ${url} does not accept binds: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
