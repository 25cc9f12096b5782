// Streams generated text to a file in large pieces, honouring back-pressure.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const PIECE = 64 * 1024;

/** Writes the strings of `parts` to `path` (replacing it) without holding the whole text in memory. */
export async function writeText(path: string, parts: Iterable<string>): Promise<void> {
  function* pieces(): Generator<string> {
    let buf = '';
    for (const p of parts) {
      buf += p;
      if (buf.length >= PIECE) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(pieces(), { objectMode: false }), createWriteStream(path));
}
