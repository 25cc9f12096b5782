// Records of OpenLDAP's accesslog overlay (cn=accesslog): one per successful write, keyed by reqStart.

export type LogOp = 'add' | 'modify' | 'delete' | 'modrdn';

/** One `reqMod` line: `attr:+ value`, `attr:- value`, `attr:= value`, `attr:-` (whole attribute), `attr:#` … */
export interface ReqMod {
  readonly attribute: string;
  readonly op: '+' | '-' | '=' | '#';
  /** The value bytes; undefined for `attr:-` / `attr:=` without value. */
  readonly value: Buffer | undefined;
}

export interface LogRecord {
  readonly reqStart: string;
  readonly type: LogOp;
  readonly dn: string;
  readonly entryUUID: string | undefined;
  readonly mods: readonly ReqMod[];
  readonly newRdn?: string;
  readonly newSuperior?: string;
  readonly deleteOldRdn: boolean;
}

/** Attributes to request from cn=accesslog (reqMod as bytes: values may be binary). */
export const LOG_ATTRIBUTES = ['reqStart', 'reqType', 'reqDN', 'reqMod', 'reqEntryUUID', 'reqNewRDN', 'reqNewSuperior', 'reqDeleteOldRDN'];
export const LOG_BINARY_ATTRIBUTES = ['reqMod'];

/** Parses one reqMod value; throws naming the value when it is not of the `attr:op[ value]` form. */
export function parseReqMod(raw: Buffer): ReqMod {
  const colon = raw.indexOf(0x3a); // ':'
  if (colon <= 0 || colon + 1 >= raw.length) throw new Error(`malformed reqMod ${JSON.stringify(raw.subarray(0, 80).toString('utf8'))}`);
  const attribute = raw.subarray(0, colon).toString('utf8');
  const op = String.fromCharCode(raw[colon + 1]);
  if (op !== '+' && op !== '-' && op !== '=' && op !== '#') throw new Error(`reqMod of ${attribute}: unknown operation '${op}'`);
  // `attr:op value` — one space separates the operation from the value.
  const value = raw.length > colon + 2 ? raw.subarray(colon + 3) : undefined;
  return { attribute, op, value };
}

function first(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  return x === undefined ? undefined : Buffer.isBuffer(x) ? x.toString('utf8') : String(x);
}

/** Parses one accesslog entry as ldapts returns it. */
export function parseLogRecord(entry: Record<string, unknown>): LogRecord {
  const reqStart = first(entry.reqStart);
  const type = first(entry.reqType);
  const dn = first(entry.reqDN);
  if (!reqStart || !dn) throw new Error(`accesslog entry ${String(entry.dn)} lacks reqStart or reqDN`);
  if (type !== 'add' && type !== 'modify' && type !== 'delete' && type !== 'modrdn') {
    throw new Error(`accesslog entry ${reqStart}: unsupported reqType ${JSON.stringify(type)}`);
  }
  const modsRaw = entry.reqMod === undefined ? [] : Array.isArray(entry.reqMod) ? entry.reqMod : [entry.reqMod];
  return {
    reqStart,
    type,
    dn,
    entryUUID: first(entry.reqEntryUUID),
    mods: (modsRaw as (Buffer | string)[]).map((m) => parseReqMod(Buffer.isBuffer(m) ? m : Buffer.from(m, 'utf8'))),
    newRdn: first(entry.reqNewRDN),
    newSuperior: first(entry.reqNewSuperior),
    deleteOldRdn: first(entry.reqDeleteOldRDN)?.toUpperCase() !== 'FALSE',
  };
}
