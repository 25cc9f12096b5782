// The search text index of connector spaces (cs_text) and the metaverse (mv_text). Per object, the lower-cased text
// of each held attribute's values is a row (attribute, text) of a B-tree keyed by the text, which answers equality and
// prefixes; the attribute is its id in the store's name dictionary. On SQLite the same texts are also an FTS5 trigram
// document per object and attribute, numbered object id × slots + the attribute's slot; the index is contentless (it
// keeps trigrams, not the text) and every value in a document ends with a mark, so a substring is a phrase and a
// suffix the phrase and the mark: the trigrams alone answer contains and ends-with exactly. Nothing is kept by object:
// before an object changes, the store gives the entries it had, and those are removed by their whole key.
// PostgreSQL has no FTS5: there suffix and contains are a LIKE on the rows, which a pg_trgm index of the text serves.
import { valueText, type StoredValue } from '../model/stored-values.ts';
import { dialectOf, type SqlDatabase, type SqlStatement } from './sql/sql-database.ts';
import type { StoreNames } from './store-names.ts';

/** What an object holds in the index: attribute → the lower-cased texts of its values. */
export type TextEntries = ReadonlyMap<string, ReadonlySet<string>>;

/** Operators the index answers exactly: equality and prefix from the rows, suffix and contains through trigrams. */
export type TextOperator = 'equals' | 'starts-with' | 'ends-with' | 'contains';

/** The tables of one index: its rows, their object id column, its trigram documents, and whether rows carry a connector. */
export interface TextTables {
  readonly rows: 'cs_text' | 'mv_text';
  readonly id: 'cs_id' | 'mv_id';
  readonly documents: 'cs_text_fts' | 'mv_text_fts';
  readonly perConnector: boolean;
}

/** The document slots of the attributes: a held attribute without a slot has rows but no trigram document. */
export interface TextSlots {
  /** Slots per object: a document's number is object id × count + slot. */
  readonly count: number;
  slotOf(attr: string): number | undefined;
  attrOf(slot: number): string | undefined;
}

/** SQL selecting object ids, and its parameters. */
export interface IdQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** An object and the held attribute whose text matched. */
export interface TextHit {
  readonly id: number;
  readonly attr: string;
}

/** No entries: what a new object had, and a deleted one has. */
export const NO_ENTRIES: TextEntries = new Map();

/** A trigram index matches substrings of at least this many characters. */
const MIN_TRIGRAM = 3;

/** Ends every value in a document: a suffix is the phrase of its text and this mark, and no phrase spans two values. */
const END = '\u0003';
/** What an END in a value is written as; a clause holding either character is answered by the rows. */
const END_IN_VALUE = '\u0001';
const MARKS = /[\u0001\u0003]/;

/**
 * The highest code point: the texts starting with p are those in [p, p + TOP) in byte order, but for a text that
 * continues p with U+10FFFF itself, a noncharacter no directory holds.
 */
const TOP = '\u{10FFFF}';

const TEXT_OPERATORS: ReadonlySet<string> = new Set<TextOperator>(['equals', 'starts-with', 'ends-with', 'contains']);

/** The text a clause compares for a value (case-insensitive text, as matchesClause compares). */
function searchText(v: StoredValue): string {
  return valueText(v).toLowerCase();
}

/** True for the operators the index answers. */
export function isTextOperator(operator: string): operator is TextOperator {
  return TEXT_OPERATORS.has(operator);
}

/** The LIKE pattern of a substring or suffix, its wildcards escaped with a backslash. */
function likePattern(text: string, operator: 'ends-with' | 'contains'): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return operator === 'contains' ? `%${escaped}%` : `%${escaped}`;
}

/** The FTS5 query of a phrase: its double quotes doubled, so no character is an operator. */
function phraseQuery(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A document: each text, its end marks replaced, followed by the end mark. */
function documentOf(texts: ReadonlySet<string>): string {
  let doc = '';
  for (const t of texts) doc += t.replaceAll(END, END_IN_VALUE) + END;
  return doc;
}

/** The texts of each attribute of `attrs` that `indexes` accepts, under the name `nameOf` gives it. */
export function entriesOf(attrs: Readonly<Record<string, readonly StoredValue[]>>, indexes: (attr: string) => boolean, nameOf: (attr: string) => string = (a) => a): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [attr, values] of Object.entries(attrs)) {
    if (!values.length || !indexes(attr)) continue;
    const name = nameOf(attr);
    const texts = out.get(name) ?? new Set<string>();
    for (const v of values) texts.add(searchText(v));
    out.set(name, texts);
  }
  return out;
}

function sameTexts(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.size !== b.size) return false;
  for (const t of a) if (!b.has(t)) return false;
  return true;
}

/** True when two objects' entries are the same. */
export function sameEntries(a: TextEntries, b: TextEntries): boolean {
  if (a.size !== b.size) return false;
  for (const [attr, texts] of a) if (!sameTexts(texts, b.get(attr))) return false;
  return true;
}

/** Statements over one text index; SQLite-only pieces (FTS5) are chosen here by dialect. */
export class TextIndex {
  private readonly trigrams: boolean;
  private readonly stmts: {
    insert: SqlStatement; remove: SqlStatement; insertDocument: SqlStatement | null; removeDocument: SqlStatement | null;
  };

  constructor(
    private readonly db: SqlDatabase,
    private readonly names: StoreNames,
    private readonly t: TextTables,
  ) {
    this.trigrams = dialectOf(db) === 'sqlite';
    const scope = t.perConnector ? 'connector = ? AND ' : '';
    this.stmts = {
      insert: db.prepare(`INSERT INTO ${t.rows} (${t.perConnector ? 'connector, ' : ''}attr, value, ${t.id}) VALUES (${t.perConnector ? '?,' : ''}?,?,?) ON CONFLICT DO NOTHING`),
      remove: db.prepare(`DELETE FROM ${t.rows} WHERE ${scope}attr = ? AND value = ? AND ${t.id} = ?`),
      insertDocument: this.trigrams ? db.prepare(`INSERT INTO ${t.documents} (rowid, text) VALUES (?, ?)`) : null,
      // By number: a range of numbers would make FTS5 read every document.
      removeDocument: this.trigrams ? db.prepare(`DELETE FROM ${t.documents} WHERE rowid = ?`) : null,
    };
  }

  /** Moves an object's entries from what it had (`before`) to what it has now (`after`): only the differences are written. */
  write(id: number, connector: number | null, before: TextEntries, after: TextEntries, slots: TextSlots): void {
    const head = this.t.perConnector ? [connector] : [];
    for (const [attr, texts] of before) {
      const now = after.get(attr);
      if (sameTexts(texts, now)) continue;
      const name = this.names.id(attr);
      for (const text of texts) if (!now?.has(text)) this.stmts.remove.run(...head, name, text, id);
      const slot = slots.slotOf(attr);
      if (slot !== undefined) this.stmts.removeDocument?.run(id * slots.count + slot);
    }
    for (const [attr, texts] of after) {
      const was = before.get(attr);
      if (sameTexts(texts, was)) continue;
      const name = this.names.id(attr);
      for (const text of texts) if (!was?.has(text)) this.stmts.insert.run(...head, name, text, id);
      const slot = slots.slotOf(attr);
      if (slot !== undefined && texts.size) this.stmts.insertDocument?.run(id * slots.count + slot, documentOf(texts));
    }
  }

  /** Forgets the entries of every object of a connector (the whole index when it has no connectors or `connector` is null). */
  clear(connector: number | null, slots: TextSlots): void {
    if (!this.t.perConnector || connector === null) {
      this.db.exec(`DELETE FROM ${this.t.rows}`);
      if (this.trigrams) this.db.exec(`INSERT INTO ${this.t.documents} (${this.t.documents}) VALUES ('delete-all')`);
      return;
    }
    if (this.trigrams) {
      const pairs = this.db.prepare(`SELECT DISTINCT ${this.t.id} AS id, attr FROM ${this.t.rows} WHERE connector = ?`).iterate(connector) as IterableIterator<{ id: number; attr: number }>;
      const numbers: number[] = [];
      for (const p of pairs) {
        const slot = slots.slotOf(this.names.name(p.attr));
        if (slot !== undefined) numbers.push(p.id * slots.count + slot);
      }
      for (const n of numbers) this.stmts.removeDocument!.run(n);
    }
    this.db.prepare(`DELETE FROM ${this.t.rows} WHERE connector = ?`).run(connector);
  }

  /** The dictionary id of a held attribute's name (-1, which no row has, when the store never wrote the name). */
  private attrId(attr: string): number {
    return this.names.existingId(attr) ?? -1;
  }

  /**
   * The ids (of one connector, when the index has connectors) of the objects with a value of `attr` whose text
   * satisfies the clause. Exact: equality and prefixes from the rows, suffixes and substrings from the trigrams.
   */
  matching(attr: string, operator: TextOperator, value: string, connector: number | null, slots: TextSlots): IdQuery {
    const want = value.toLowerCase();
    const scope = this.t.perConnector ? 'connector = ? AND ' : '';
    const head: unknown[] = this.t.perConnector ? [connector, this.attrId(attr)] : [this.attrId(attr)];
    const { rows, id, documents } = this.t;
    switch (operator) {
      case 'equals':
        return { sql: `SELECT ${id} FROM ${rows} WHERE ${scope}attr = ? AND value = ?`, params: [...head, want] };
      case 'starts-with':
        return { sql: `SELECT ${id} FROM ${rows} WHERE ${scope}attr = ? AND value >= ? AND value < ?`, params: [...head, want, want + TOP] };
      default: {
        const phrase = operator === 'contains' ? want : want + END;
        const slot = slots.slotOf(attr);
        if (!this.trigrams || slot === undefined || [...phrase].length < MIN_TRIGRAM || MARKS.test(want)) {
          // Too short for a trigram, or no document (PostgreSQL, whose trigram index serves the LIKE itself): the attribute's rows.
          return { sql: `SELECT ${id} FROM ${rows} WHERE ${scope}attr = ? AND value LIKE ? ESCAPE '\\'`, params: [...head, likePattern(want, operator)] };
        }
        const n = slots.count;
        if (!this.t.perConnector) {
          return { sql: `SELECT rowid / ${n} FROM ${documents} WHERE ${documents} MATCH ? AND rowid % ${n} = ?`, params: [phraseQuery(phrase), slot] };
        }
        // CROSS JOIN keeps the documents as the outer loop: the trigrams find the objects, their rows give the connector.
        return {
          sql: `SELECT o.id FROM ${documents} f CROSS JOIN cs_objects o ON o.id = f.rowid / ${n} WHERE ${documents} MATCH ? AND f.rowid % ${n} = ? AND o.connector = ?`,
          params: [phraseQuery(phrase), slot, connector],
        };
      }
    }
  }

  /**
   * Objects and attributes whose text contains `text`, in any held attribute, in id order: what Find identity reads
   * (the caller stops when it has enough). Null for text shorter than a trigram (see startingWith), on both stores.
   */
  containing(text: string, slots: TextSlots): Iterable<TextHit> | null {
    const want = text.toLowerCase();
    if ([...want].length < MIN_TRIGRAM) return null;
    if (!this.trigrams || MARKS.test(want)) {
      const sql = `SELECT ${this.t.id} AS id, attr FROM ${this.t.rows} WHERE value LIKE ? ESCAPE '\\'`;
      return this.hits(this.db.prepare(sql).iterate(likePattern(want, 'contains')) as IterableIterator<{ id: number; attr: number }>);
    }
    const numbers = this.db.prepare(`SELECT rowid FROM ${this.t.documents} WHERE ${this.t.documents} MATCH ?`).pluck().iterate(phraseQuery(want)) as IterableIterator<number>;
    return slotHits(numbers, slots);
  }

  /** Objects and attributes, of the given attributes (of one connector), whose text starts with `text`: one range per attribute. */
  startingWith(attrs: readonly string[], text: string, connector: number | null): Iterable<TextHit> {
    const want = text.toLowerCase();
    const scope = this.t.perConnector ? 'connector = ? AND ' : '';
    const sql = `SELECT ${this.t.id} AS id, attr FROM ${this.t.rows} WHERE ${scope}attr IN (${attrs.map(() => '?').join(',')}) AND value >= ? AND value < ?`;
    const params = [...(this.t.perConnector ? [connector] : []), ...attrs.map((a) => this.attrId(a)), want, want + TOP];
    return this.hits(this.db.prepare(sql).iterate(...params) as IterableIterator<{ id: number; attr: number }>);
  }

  /** Ids of the objects (of one connector) with one of `attrs` whose text equals `text` (any case): one key seek per attribute. */
  equalTo(attrs: readonly string[], text: string, connector: number | null): IdQuery {
    const scope = this.t.perConnector ? 'connector = ? AND ' : '';
    return {
      sql: `SELECT DISTINCT ${this.t.id} FROM ${this.t.rows} WHERE ${scope}attr IN (${attrs.map(() => '?').join(',')}) AND value = ?`,
      params: [...(this.t.perConnector ? [connector] : []), ...attrs.map((a) => this.attrId(a)), text.toLowerCase()],
    };
  }

  private *hits(rows: IterableIterator<{ id: number; attr: number }>): Generator<TextHit> {
    for (const r of rows) yield { id: r.id, attr: this.names.name(r.attr) };
  }
}

function* slotHits(numbers: IterableIterator<number>, slots: TextSlots): Generator<TextHit> {
  for (const n of numbers) {
    const attr = slots.attrOf(n % slots.count);
    if (attr !== undefined) yield { id: Math.floor(n / slots.count), attr };
  }
}

/** Slots of a fixed list of attribute names, in its order. */
export function listSlots(names: readonly string[], count: number): TextSlots {
  const slots = new Map(names.slice(0, count).map((name, i) => [name, i]));
  return { count, slotOf: (attr) => slots.get(attr), attrOf: (slot) => names[slot] };
}

/** How well a clause narrows through the index: equality first, then a prefix, then a substring long enough for trigrams. */
function narrowingRank(operator: TextOperator, value: string): number {
  if (operator === 'equals') return 0;
  if (operator === 'starts-with') return 1;
  return [...value].length >= MIN_TRIGRAM ? 2 : 3;
}

/** Of the clauses on attributes the index holds, the one that narrows best (null when none can). */
export function narrowingClause<C extends { attribute: string; operator: string; value: string }>(clauses: readonly C[], holds: (attribute: string) => boolean): (C & { operator: TextOperator }) | null {
  let best: (C & { operator: TextOperator }) | null = null;
  for (const c of clauses) {
    if (!isTextOperator(c.operator) || !holds(c.attribute)) continue;
    const clause = c as C & { operator: TextOperator };
    if (!best || narrowingRank(clause.operator, clause.value) < narrowingRank(best.operator, best.value)) best = clause;
  }
  return best;
}
