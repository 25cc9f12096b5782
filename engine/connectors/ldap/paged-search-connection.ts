// A connection of its own for the bulk paged searches of an import: requests are written with ldapts' message
// classes, responses are decoded by ber-responses.ts, and the next page is requested before the current one
// is handed on, so the server prepares page k+1 while page k is being mapped.
import net from 'node:net';
import tls, { type ConnectionOptions } from 'node:tls';
import { BindRequest, ExtendedRequest, type Filter, PagedResultsControl, SearchRequest, StatusCodeParser } from 'ldapts';
import { ConnectivityError } from '../contract.ts';
import { type BinaryTest, binaryTest, decodeResponses, type Response, type ResponseEntry } from './ber-responses.ts';
import { type LdapConfig, urlsOf } from './config.ts';

const STARTTLS_OID = '1.3.6.1.4.1.1466.20037';

export interface PagedSearch {
  readonly base: string;
  /** Default `sub`. */
  readonly scope?: 'base' | 'one' | 'sub';
  readonly filter: Filter;
  readonly attributes: string[];
  /** Lower-cased names of attributes whose values stay bytes. */
  readonly binary: ReadonlySet<string>;
  readonly pageSize: number;
  readonly timeLimitSeconds: number;
}

function tlsOptionsOf(config: LdapConfig): ConnectionOptions {
  return {
    rejectUnauthorized: config.rejectUnauthorized,
    ...(config.caPem ? { ca: [config.caPem] } : {}),
    ...(config.tlsServerName ? { servername: config.tlsServerName } : {}),
  };
}

/** One bound connection running paged searches with the lean decoder. */
export class PagedSearchConnection {
  private socket!: net.Socket;
  private pending: Buffer = Buffer.alloc(0);
  private offset = 0;
  private nextId = 1;
  private waiting: { id: number; resolve: (r: Response[]) => void; reject: (e: Error) => void; collected: Response[] } | undefined;
  private failure: Error | undefined;
  private binary: BinaryTest = binaryTest([]);

  private constructor(private readonly config: LdapConfig) {}

  /** Connects (TCP, LDAPS or StartTLS as configured) and binds. */
  static async open(config: LdapConfig, url = urlsOf(config)[0]): Promise<PagedSearchConnection> {
    const c = new PagedSearchConnection(config);
    await c.connect(url);
    return c;
  }

  private async connect(url: string): Promise<void> {
    const u = new URL(url);
    const host = u.hostname;
    const secure = u.protocol === 'ldaps:';
    const port = Number(u.port || (secure ? 636 : 389));
    const options = tlsOptionsOf(this.config);
    this.attach(secure ? tls.connect({ host, port, ...options, servername: options.servername ?? (net.isIP(host) ? undefined : host) }) : net.connect({ host, port }));
    await this.ready(secure);
    if (this.config.security === 'starttls') {
      const [r] = await this.request(new ExtendedRequest({ messageId: this.nextId++, oid: STARTTLS_OID }).write());
      this.check(r);
      const plain = this.socket;
      plain.removeAllListeners('data');
      this.attach(tls.connect({ socket: plain, host, ...options, servername: options.servername ?? (net.isIP(host) ? undefined : host) }));
      await this.ready(true);
    }
    const [bind] = await this.request(new BindRequest({ messageId: this.nextId++, dn: this.config.bindDn, password: this.config.password }).write());
    this.check(bind);
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    socket.setNoDelay(true);
    if (this.config.timeoutMs > 0) socket.setTimeout(this.config.timeoutMs, () => this.fail(new ConnectivityError(`LDAP request timed out after ${this.config.timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new ConnectivityError('Connection closed by the LDAP server')));
  }

  private ready(secure: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ConnectivityError(`Connection timeout after ${this.config.connectTimeoutMs} ms`)), this.config.connectTimeoutMs);
      this.socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(this.failure);
  }

  private receive(chunk: Buffer): void {
    this.pending = this.offset < this.pending.length ? Buffer.concat([this.pending.subarray(this.offset), chunk]) : chunk;
    this.offset = 0;
    let decoded;
    try {
      decoded = decodeResponses(this.pending, 0, this.binary);
    } catch (error) {
      this.fail(error as Error);
      this.socket.destroy();
      return;
    }
    this.offset = decoded.next;
    const w = this.waiting;
    if (!w) return;
    for (const r of decoded.responses) {
      if (r.id !== w.id) continue;
      w.collected.push(r);
      if (r.kind === 'result') {
        this.waiting = undefined;
        w.resolve(w.collected);
        return;
      }
    }
  }

  /** Sends one request and collects its responses up to the result. */
  private request(message: Buffer, id = this.nextId - 1): Promise<Response[]> {
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<Response[]>((resolve, reject) => (this.waiting = { id, resolve, reject, collected: [] }));
    this.socket.write(message);
    return done;
  }

  private check(r: Response | undefined): Extract<Response, { kind: 'result' }> {
    if (!r || r.kind !== 'result') throw new Error('LDAP server sent no result');
    if (r.code !== 0) throw StatusCodeParser.parse({ status: r.code, errorMessage: r.message } as never);
    return r;
  }

  /** Pages of entries; the request for the next page goes out before the current page is yielded. */
  async *search(s: PagedSearch): AsyncGenerator<ResponseEntry[]> {
    this.binary = binaryTest(s.binary);
    const send = (cookie: Buffer): Promise<Response[]> => {
      const id = this.nextId++;
      const control = new PagedResultsControl({ value: { size: s.pageSize, cookie } });
      const req = new SearchRequest({ messageId: id, baseDN: s.base, scope: s.scope ?? 'sub', filter: s.filter, attributes: s.attributes, timeLimit: s.timeLimitSeconds, controls: [control] });
      const answer = this.request(req.write(), id);
      // A page requested ahead may never be awaited when the consumer stops early and the connection closes.
      answer.catch(() => undefined);
      return answer;
    };
    let inFlight = send(Buffer.alloc(0));
    for (;;) {
      const responses = await inFlight;
      const result = this.check(responses[responses.length - 1]);
      const more = result.cookie !== undefined && result.cookie.length > 0;
      if (more) inFlight = send(result.cookie!);
      const entries: ResponseEntry[] = [];
      for (const r of responses) if (r.kind === 'entry') entries.push(r.entry);
      yield entries;
      if (!more) return;
    }
  }

  /** Closes the connection (unbind is a courtesy; the socket is ended either way). */
  async close(): Promise<void> {
    if (!this.socket.destroyed) {
      this.failure ??= new ConnectivityError('connection closed');
      this.socket.end(Buffer.from([0x30, 0x05, 0x02, 0x01, 0x7f, 0x42, 0x00]));
      this.socket.destroy();
    }
  }
}
