// The binary form of an encoded attribute map on SQLite: the same array the JSON form holds (codes, texts, numbers,
// lists), written as tagged varints and UTF-8 bytes, which saves the quotes, commas and digits of the JSON text; its
// repeats are then coded (repeat-coding.ts), which takes about another quarter off. PostgreSQL keeps the JSON text
// (its columns are text and its tools read them).
import { codeRepeats, decodeRepeats } from './repeat-coding.ts';

/** The first byte of a packed array: JSON text never starts with it, so a reader tells the forms apart. */
export const PACKED_MARK = 0x01;
/** The first byte of a packed array whose repeats are coded. */
export const CODED_MARK = 0x02;

/** Shorter packed arrays hardly repeat anything. */
const CODE_FROM = 32;

/** What an item's header says it is; the header is `arg × 8 + tag` as a varint. */
const enum Tag {
  /** A safe integer; arg is its zigzag form (0, -1, 1, -2 … as 0, 1, 2, 3 …). */
  Int = 0,
  /** UTF-8 text; arg is its byte length. */
  Text = 1,
  /** A list; arg is its item count. */
  List = 2,
  /** false, true or null; arg is 0, 1 or 2. */
  Constant = 3,
  /** Anything else (typed-value objects, fractions) as JSON text; arg is its byte length. */
  Json = 4,
}

const TAGS = 8;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Integers whose header stays a safe integer. */
const MAX_PACKED_INT = 2 ** 48;

/** A buffer that grows as items are written. */
class Writer {
  buf = Buffer.allocUnsafe(1024);
  at = 0;

  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  varint(n: number): void {
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.at++] = n;
  }

  text(tag: Tag, s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.varint(n * TAGS + tag);
    this.room(n);
    this.at += this.buf.write(s, this.at, n, 'utf8');
  }

  item(v: unknown): void {
    // UTF-8 has no lone surrogates: such a text is kept as JSON, which escapes them.
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) this.text(Tag.Json, JSON.stringify(v));
      else this.text(Tag.Text, v);
    } else if (typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) < MAX_PACKED_INT) this.varint((v >= 0 ? v * 2 : -v * 2 - 1) * TAGS + Tag.Int);
    else if (Array.isArray(v)) {
      this.varint(v.length * TAGS + Tag.List);
      for (const x of v) this.item(x);
    } else if (v === false || v === true || v === null) this.varint((v === null ? 2 : v ? 1 : 0) * TAGS + Tag.Constant);
    else {
      const json = JSON.stringify(v);
      if (json === undefined) throw new Error(`A value cannot be stored: ${String(v)}`);
      this.text(Tag.Json, json);
    }
  }
}

/** Reads items back from a packed array. */
class Reader {
  at: number;

  private readonly buf: Buffer;

  constructor(bytes: Uint8Array, from: number) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    this.at = from;
  }

  private varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.buf.length) throw new Error('Stored attributes are damaged: the packed form ends inside an item');
      const b = this.buf[this.at++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
  }

  private utf8(n: number): string {
    const end = this.at + n;
    if (end > this.buf.length) throw new Error('Stored attributes are damaged: a packed text runs past the end');
    const s = this.buf.toString('utf8', this.at, end);
    this.at = end;
    return s;
  }

  item(): unknown {
    const h = this.varint();
    const tag = h % TAGS;
    const arg = (h - tag) / TAGS;
    switch (tag) {
      case Tag.Int: return arg % 2 === 0 ? arg / 2 : -(arg + 1) / 2;
      case Tag.Text: return this.utf8(arg);
      case Tag.List: {
        const out: unknown[] = new Array(arg);
        for (let i = 0; i < arg; i++) out[i] = this.item();
        return out;
      }
      case Tag.Constant: return arg === 2 ? null : arg === 1;
      case Tag.Json: return JSON.parse(this.utf8(arg)) as unknown;
      default: throw new Error(`Stored attributes are damaged: unknown packed item tag ${tag}`);
    }
  }

  done(): boolean {
    return this.at === this.buf.length;
  }
}

const writer = new Writer();

/** The packed form of an array of JSON values (its repeats coded when that makes it smaller). */
export function packArray(items: readonly unknown[]): Buffer {
  writer.at = 0;
  writer.room(1);
  writer.buf[writer.at++] = PACKED_MARK;
  for (const v of items) writer.item(v);
  const plain = writer.buf.subarray(0, writer.at);
  if (plain.length >= CODE_FROM) {
    const coded = codeRepeats(plain.subarray(1), 1);
    if (coded.length < plain.length) {
      coded[0] = CODED_MARK;
      return coded;
    }
  }
  return Buffer.from(plain);
}

/** The array a packed form holds. */
export function unpackArray(packed: Uint8Array): unknown[] {
  let reader: Reader;
  if (packed[0] === PACKED_MARK) reader = new Reader(packed, 1);
  else if (packed[0] === CODED_MARK) {
    let items: Buffer;
    try {
      items = decodeRepeats(packed, 1);
    } catch (e) {
      throw new Error(`Stored attributes are damaged: ${(e as Error).message}`);
    }
    reader = new Reader(items, 0);
  } else throw new Error('Stored attributes are damaged: not a packed array');
  const out: unknown[] = [];
  while (!reader.done()) out.push(reader.item());
  return out;
}

/** True when bytes are a packed array rather than JSON text. */
export function isPacked(bytes: Uint8Array): boolean {
  return bytes.length > 0 && (bytes[0] === PACKED_MARK || bytes[0] === CODED_MARK);
}
