// Reads a UTF-8 text file as a stream of decoded chunks that end on line boundaries, noting invalid lines.
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { ConnectivityError } from '../contract.ts';

/** A decoded piece of the file; `firstLine` is the 1-based number of its first line. */
export interface TextChunk {
  readonly text: string;
  readonly firstLine: number;
}

/** One line of the file without its terminator. */
export interface TextLine {
  readonly text: string;
  readonly line: number;
}

/** Lines found not to be valid UTF-8 while reading; filled as the stream advances. */
export type InvalidLines = Set<number>;

const NL = 0x0a;

/** Turns a file-system error into the connector's connectivity error with a readable reason. */
export function fileError(path: string, err: unknown, verb: 'read' | 'write' = 'read'): Error {
  const e = err as NodeJS.ErrnoException;
  const reason =
    e?.code === 'ENOENT' ? 'file not found' : e?.code === 'EACCES' || e?.code === 'EPERM' ? 'permission denied' : e?.code === 'EISDIR' ? 'is a directory' : (e?.message ?? String(err));
  return new ConnectivityError(`cannot ${verb} ${path}: ${reason}`);
}

/** Yields decoded chunks of the file; a line with invalid UTF-8 is decoded with U+FFFD and added to `invalid`. */
export async function* readTextChunks(path: string, invalid: InvalidLines, signal?: AbortSignal): AsyncGenerator<TextChunk> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024, signal });
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let first = true;
  const emit = (buf: Buffer): TextChunk => {
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    if (!isUtf8(buf)) markInvalidLines(buf, line, invalid);
    const chunk = { text: buf.toString('utf8'), firstLine: line };
    line += countNewlines(buf);
    return chunk;
  };
  try {
    for await (const data of stream) {
      const buf: Buffer = carry.length ? Buffer.concat([carry, data as Buffer]) : (data as Buffer);
      const cut = buf.lastIndexOf(NL);
      if (cut < 0) {
        carry = buf;
        continue;
      }
      carry = buf.subarray(cut + 1);
      yield emit(buf.subarray(0, cut + 1));
    }
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw fileError(path, err);
  }
  if (carry.length) yield emit(carry);
}

/** Calls `each` for every line of one chunk (CR LF or LF), numbered from the chunk's first line. */
export function forEachLine(chunk: TextChunk, each: (text: string, line: number) => void): void {
  const { text } = chunk;
  let line = chunk.firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    each(text.slice(start, stop), line);
    line++;
    start = next;
  }
}

/** Splits the chunk stream into lines (CR LF or LF), numbered from 1. */
export async function* readLines(chunks: AsyncIterable<TextChunk>): AsyncGenerator<TextLine> {
  for await (const chunk of chunks) {
    const lines: TextLine[] = [];
    forEachLine(chunk, (text, line) => lines.push({ text, line }));
    yield* lines;
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(NL); i >= 0; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

function markInvalidLines(buf: Buffer, firstLine: number, invalid: InvalidLines): void {
  let line = firstLine;
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(NL, start);
    if (end < 0) end = buf.length;
    if (!isUtf8(buf.subarray(start, end))) invalid.add(line);
    line++;
    start = end + 1;
  }
}
