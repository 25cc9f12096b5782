// Ways to SIGKILL an IdSync process at the worst moment: as it reports progress, or the instant a target has
// taken a write the engine has not yet recorded (an LDAP server's answer held back by a proxy, a Graph write
// logged by the emulator, a file changed on disk).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { EntraEmulator } from '../env/entra-emulator/index.ts';

/** A trigger armed for one process: after `after` more writes reach the target, the process is killed. */
export interface WriteTrigger {
  arm(pid: number, after: number): void;
  disarm(): void;
  /** True once the armed trigger has killed its process. */
  readonly fired: boolean;
  close(): Promise<void>;
}

/** Shared arming logic: counts writes and kills the armed process at the chosen one. */
class Armed {
  private pid: number | null = null;
  private left = 0;
  fired = false;

  arm(pid: number, after: number): void {
    this.pid = pid;
    this.left = Math.max(1, after);
    this.fired = false;
  }

  disarm(): void {
    this.pid = null;
  }

  /** Called for each write the target took; true when the process was killed for it. */
  write(): boolean {
    if (this.pid === null || --this.left > 0) return false;
    try {
      process.kill(this.pid, 'SIGKILL');
      this.fired = true;
    } catch {
      // Already gone.
    }
    this.pid = null;
    return this.fired;
  }
}

const LDAP_WRITE_RESPONSES = new Set([0x67 /* modify */, 0x69 /* add */, 0x6b /* delete */, 0x6d /* modify DN */]);

/** Length of the first complete BER element in `buf`, or 0 when more bytes are needed. */
function berLength(buf: Buffer): number {
  if (buf.length < 2) return 0;
  const first = buf[1]!;
  if (first < 0x80) return buf.length >= 2 + first ? 2 + first : 0;
  const n = first & 0x7f;
  if (buf.length < 2 + n) return 0;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i]!;
  return buf.length >= 2 + n + len ? 2 + n + len : 0;
}

/** The protocol operation tag of one LDAPMessage (SEQUENCE { messageID INTEGER, protocolOp }). */
function operationTag(message: Buffer): number {
  const lenByte = message[1]!;
  const header = lenByte < 0x80 ? 2 : 2 + (lenByte & 0x7f);
  const idLength = message[header + 1]!;
  return message[header + 2 + idLength]!;
}

/**
 * A plain-LDAP proxy to a server: the connector talks to the proxy, and an armed trigger kills the client process
 * when the server answers a write (the write is done; the answer never reaches the engine).
 */
export async function ldapKillProxy(upstreamPort: number): Promise<WriteTrigger & { readonly url: string }> {
  const armed = new Armed();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    let pending = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let n = berLength(pending); n > 0; n = berLength(pending)) {
        const message = pending.subarray(0, n);
        pending = pending.subarray(n);
        if (LDAP_WRITE_RESPONSES.has(operationTag(message)) && armed.write()) return end();
        client.write(message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `ldap://127.0.0.1:${port}`,
    arm: (pid, after) => armed.arm(pid, after),
    disarm: () => armed.disarm(),
    get fired() {
      return armed.fired;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Kills the armed process when the emulator has applied a write (before its answer is sent). */
export function graphKillSwitch(emu: EntraEmulator): WriteTrigger {
  const armed = new Armed();
  const log = emu.state.writeLog;
  const push = log.push.bind(log);
  log.push = (...entries) => {
    const n = push(...entries);
    if (entries.some((e) => e.status < 300)) armed.write();
    return n;
  };
  return {
    arm: (pid, after) => armed.arm(pid, after),
    disarm: () => armed.disarm(),
    get fired() {
      return armed.fired;
    },
    close: async () => {
      log.push = push;
    },
  };
}

/** Kills the armed process when a file in `dir` whose name contains `name` changes (appended, or a temporary file written). */
export function fileKillSwitch(dir: string, name: string): WriteTrigger {
  const armed = new Armed();
  const watcher = fs.watch(dir, (_event, file) => {
    if (file && path.basename(String(file)).includes(name)) armed.write();
  });
  return {
    arm: (pid, after) => armed.arm(pid, after),
    disarm: () => armed.disarm(),
    get fired() {
      return armed.fired;
    },
    close: async () => watcher.close(),
  };
}
