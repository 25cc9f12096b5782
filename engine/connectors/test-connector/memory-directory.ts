// An in-memory directory for tests and demos: objects by anchor, a change log for delta import,
// and switches to inject export errors and outages. It can persist itself to a JSON file so separate
// processes (the CLI) see the same data.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { ExportError, ImportChange, ImportProblem } from '../contract.ts';
import type { Attributes } from '../../model/values.ts';
import { decodeAttributes, encodeAttributes, type StoredAttributes } from '../../model/stored-values.ts';

export interface MemoryEntry {
  anchor: string;
  dn: string;
  objectType: string;
  attributes: Attributes;
}

interface Persisted {
  seq: number;
  logStart: number;
  entries: { anchor: string; dn: string; objectType: string; attributes: StoredAttributes }[];
  log: { seq: number; kind: 'object' | 'delete'; anchor: string }[];
  failExport: Record<string, ExportError>;
  unreachable: boolean;
}

/** The data behind one test connector. */
export class MemoryDirectory {
  readonly entries = new Map<string, MemoryEntry>();
  /** Change log: sequence number, kind and anchor (the current image is read at import time). */
  log: { seq: number; kind: 'object' | 'delete'; anchor: string }[] = [];
  seq = 0;
  /** Sequence numbers below this were trimmed: older watermarks have expired. */
  logStart = 0;
  /** Lower-case DN → error returned when exporting to that object. */
  readonly failExport = new Map<string, ExportError>();
  /** When true every operation fails with a connectivity error. */
  unreachable = false;
  /** Problems reported with the first batch of every import (records that could not be read). */
  importProblems: ImportProblem[] = [];

  constructor(readonly file?: string) {
    if (file && fs.existsSync(file)) this.load(file);
  }

  private load(file: string): void {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Persisted;
    this.seq = data.seq;
    this.logStart = data.logStart;
    this.log = data.log;
    for (const e of data.entries) this.entries.set(e.anchor, { ...e, attributes: decodeAttributes(e.attributes) });
    for (const [dn, err] of Object.entries(data.failExport)) this.failExport.set(dn, err);
    this.unreachable = data.unreachable;
  }

  /** Writes the directory to its file (atomically), when it has one. */
  save(): void {
    if (!this.file) return;
    const data: Persisted = {
      seq: this.seq, logStart: this.logStart, log: this.log, unreachable: this.unreachable,
      entries: [...this.entries.values()].map((e) => ({ anchor: e.anchor, dn: e.dn, objectType: e.objectType, attributes: encodeAttributes(e.attributes) })),
      failExport: Object.fromEntries(this.failExport),
    };
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, this.file);
  }

  private record(kind: 'object' | 'delete', anchor: string): void {
    this.seq++;
    this.log.push({ seq: this.seq, kind, anchor });
  }

  /** Adds an object; returns its anchor. */
  add(dn: string, objectType: string, attributes: Attributes, anchor: string = crypto.randomUUID()): string {
    this.entries.set(anchor, { anchor, dn, objectType, attributes: { ...attributes } });
    this.record('object', anchor);
    return anchor;
  }

  /** Replaces some attributes (a value list of [] removes the attribute); optionally renames or retypes. */
  modify(anchor: string, changes: Attributes, move?: { dn?: string; objectType?: string }): void {
    const e = this.entries.get(anchor);
    if (!e) throw new Error(`No object with anchor ${anchor}`);
    for (const [k, v] of Object.entries(changes)) {
      if (v.length === 0) delete e.attributes[k];
      else e.attributes[k] = v;
    }
    if (move?.dn) e.dn = move.dn;
    if (move?.objectType) e.objectType = move.objectType;
    this.record('object', anchor);
  }

  /** Deletes an object. */
  remove(anchor: string): void {
    if (this.entries.delete(anchor)) this.record('delete', anchor);
  }

  /** Deletes an object without logging it (a deletion a delta import cannot see). */
  removeSilently(anchor: string): void {
    this.entries.delete(anchor);
  }

  /** Forgets the change log: watermarks older than now expire. */
  trimLog(): void {
    this.log = [];
    this.logStart = this.seq + 1;
  }

  /** An object by DN (case-insensitive). */
  byDn(dn: string): MemoryEntry | undefined {
    const l = dn.toLowerCase();
    for (const e of this.entries.values()) if (e.dn.toLowerCase() === l) return e;
    return undefined;
  }

  /** The changes after a sequence number, latest image per anchor. */
  changesSince(seq: number): ImportChange[] {
    const latest = new Map<string, 'object' | 'delete'>();
    for (const l of this.log) if (l.seq > seq) latest.set(l.anchor, l.kind);
    const out: ImportChange[] = [];
    for (const [anchor, kind] of latest) {
      const e = this.entries.get(anchor);
      if (kind === 'object' && e) out.push({ kind: 'object', object: { anchor, dn: e.dn, objectType: e.objectType, attributes: e.attributes } });
      else out.push({ kind: 'delete', anchor });
    }
    return out;
  }
}

const directories = new Map<string, MemoryDirectory>();

/** The shared directory for a name (and file, when the connector persists). */
export function memoryDirectory(name: string, file?: string): MemoryDirectory {
  const key = `${name}\u0000${file ?? ''}`;
  let d = directories.get(key);
  if (!d || file) {
    d = new MemoryDirectory(file);
    directories.set(key, d);
  }
  return d;
}

/** Drops every in-memory directory (between tests). */
export function resetMemoryDirectories(): void {
  directories.clear();
}
