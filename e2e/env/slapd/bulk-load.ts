// Loading LDIF into a running slapd with the ldapadd tool (the floor the export benchmark compares against).
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

export interface LdapTarget {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
}

/** Feeds LDIF text to `ldapadd -c`; entries that already exist are skipped. */
export async function ldapAddText(target: LdapTarget, ldif: string): Promise<void> {
  await ldapAdd(target, (stdin) => stdin.end(ldif));
}

/** Loads an LDIF file with `ldapadd -c`; rejects with ldapadd's message when an entry fails for another reason. */
export async function ldapAddFile(target: LdapTarget, file: string): Promise<void> {
  await ldapAdd(target, (stdin) => (createReadStream(file) as Readable).pipe(stdin));
}

async function ldapAdd(target: LdapTarget, feed: (stdin: NodeJS.WritableStream) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('/usr/bin/ldapadd', ['-x', '-c', '-H', target.url, '-D', target.bindDn, '-w', target.password], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    // 68 = entry already exists: expected when base entries are re-added.
    child.once('exit', (code) =>
      code === 0 || code === 68 ? resolve() : reject(new Error(`ldapadd exited ${code}: ${stderr.trim().slice(0, 500)}`)),
    );
    feed(child.stdin);
  });
}
