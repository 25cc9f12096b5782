// The search text as FTS5 trigram documents, SQLite's form of the index: one document per object, its distinct
// texts each between a start and an end mark, in a contentless table that keeps only the trigrams and the object
// ids (detail=none: no positions), so the index costs a few bytes per trigram of an object. A clause is the set of
// trigrams its text must contain (an equality with both marks, a prefix with the start mark, a suffix with the end
// mark, a substring as it is): the objects holding all of them are candidates, which the caller confirms on each
// object. A text needs three characters with its marks; shorter clauses do not narrow.
import type { SqlDatabase, SqlStatement } from './sql/sql-database.ts';
import { sameEntries, type TextEntries } from './text-entries.ts';
import type { TextIndex, TextOperator, TextQuery, TextTables } from './text-index.ts';

/** Before and after each text of a document: no trigram spans two texts. */
const START = '\u0002';
const END = '\u0003';
/** What a mark inside a value is written as; a clause holding a mark (or this) does not narrow. */
const MARK_IN_VALUE = '\u0001';
const MARKS = /[\u0001-\u0003]/;
const MARKS_GLOBAL = /[\u0002\u0003]/g;

/** A trigram index finds texts of at least this many characters. */
const MIN_TRIGRAM = 3;

/** A document: each distinct text between the marks. */
function documentOf(entries: TextEntries): string {
  const texts = new Set<string>();
  for (const values of entries.values()) for (const t of values) texts.add(t);
  let doc = '';
  for (const t of texts) doc += START + t.replace(MARKS_GLOBAL, MARK_IN_VALUE) + END;
  return doc;
}

/** The text a clause's objects must hold, marks included, or null when it is too short or holds a mark. */
function clauseText(operator: TextOperator, value: string): string | null {
  const want = value.toLowerCase();
  if (MARKS.test(want)) return null;
  const text = operator === 'equals' ? START + want + END : operator === 'starts-with' ? START + want : operator === 'ends-with' ? want + END : want;
  return [...text].length >= MIN_TRIGRAM ? text : null;
}

/**
 * A query of a short text asks for every trigram: confirming a candidate on its object costs far more than reading
 * the trigrams' lists, so the fewer candidates the better. A longer text (a whole mail address, a DN) asks for the
 * rarest few: FTS5 reads the whole list of objects holding each trigram, and a common one (`exa` and `le` + end mark
 * of every mail in one domain) costs a read of most of the index while narrowing nothing.
 */
const ALL_TRIGRAMS_UP_TO = 8;
const RARE_TRIGRAMS = 4;

/** How rarely a character occurs in directory text: digits and uncommon letters narrow most, separators least. */
function rarity(c: string): number {
  if (c >= '0' && c <= '9') return 3;
  if ('vkjxqz'.includes(c)) return 3;
  if ('dlcumwfgypb'.includes(c)) return 2;
  if ('etaoinshr'.includes(c)) return 1;
  return c === START || c === END || ' .@,=-_'.includes(c) ? 0.25 : 2;
}

/** The FTS5 query of trigrams of a text: each one quoted (its double quotes doubled), all required. */
function trigramQuery(text: string): string {
  const chars = [...text];
  const all: { gram: string; score: number; at: number }[] = [];
  for (let i = 0; i + MIN_TRIGRAM <= chars.length; i++) {
    const gram = chars.slice(i, i + MIN_TRIGRAM);
    all.push({ gram: gram.join(''), score: gram.reduce((sum, c) => sum + rarity(c), 0), at: i });
  }
  // Rarest first; among equals the later one, as texts share their beginnings (`cn=`, a given name) more than the rest.
  const picked = all.length <= ALL_TRIGRAMS_UP_TO ? all : [...all].sort((a, b) => b.score - a.score || b.at - a.at).slice(0, RARE_TRIGRAMS);
  return [...new Set(picked.map((t) => t.gram))].map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
}

/** Statements over one index's trigram documents. */
export class TextDocuments implements TextIndex {
  private readonly insert: SqlStatement;
  private readonly remove: SqlStatement;

  constructor(
    private readonly db: SqlDatabase,
    private readonly t: TextTables,
  ) {
    this.insert = db.prepare(`INSERT INTO ${t.documents} (rowid, text) VALUES (?, ?)`);
    this.remove = db.prepare(`DELETE FROM ${t.documents} WHERE rowid = ?`);
  }

  write(id: number, _connector: number | null, before: TextEntries, after: TextEntries): void {
    if (sameEntries(before, after)) return;
    if (before.size) this.remove.run(id);
    if (after.size) this.insert.run(id, documentOf(after));
  }

  clear(connector: number | null): void {
    if (!this.t.perConnector || connector === null) {
      this.db.prepare(`INSERT INTO ${this.t.documents} (${this.t.documents}) VALUES ('delete-all')`).run();
      // Rows are PostgreSQL's form of the text: any copied from there are not kept.
      this.db.prepare(`DELETE FROM ${this.t.rows}`).run();
    }
    // Connector space documents are numbered by object id: the connector's objects name them (before they are deleted).
    else this.db.prepare(`DELETE FROM ${this.t.documents} WHERE rowid IN (SELECT id FROM cs_objects WHERE connector = ?)`).run(connector);
  }

  narrows(operator: TextOperator, value: string): boolean {
    return clauseText(operator, value) !== null;
  }

  matching(_attr: string, operator: TextOperator, value: string): TextQuery | null {
    const text = clauseText(operator, value);
    return text === null ? null : { sql: `SELECT rowid FROM ${this.t.documents} WHERE ${this.t.documents} MATCH ?`, params: [trigramQuery(text)], exact: false, documents: this.t.documents };
  }

  containing(text: string): Iterable<number> | null {
    return this.candidates('contains', text);
  }

  startingWith(_attrs: readonly string[], text: string): Iterable<number> | null {
    return [...text].length < 2 ? null : this.candidates('starts-with', text);
  }

  equalTo(_attrs: readonly string[], text: string): Iterable<number> {
    return this.candidates('equals', text) ?? [];
  }

  private candidates(operator: TextOperator, value: string): Iterable<number> | null {
    const text = clauseText(operator, value);
    // A statement of its own: the caller may read several of these at once.
    const match = this.db.prepare(`SELECT rowid FROM ${this.t.documents} WHERE ${this.t.documents} MATCH ?`).pluck();
    return text === null ? null : (match.iterate(trigramQuery(text)) as IterableIterator<number>);
  }
}
