// Reads an export file as text whatever its encoding: Entra Connect writes UTF-8 without a BOM, PowerShell's
// Out-File writes UTF-16 LE with a BOM, and files edited on the way may carry a UTF-8 BOM.
import fs from 'node:fs';

export type ExportEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface ExportText {
  readonly text: string;
  readonly encoding: ExportEncoding;
}

/** The encoding of a file's bytes: its BOM, else a NUL in the first two bytes (UTF-16 without BOM), else UTF-8. */
export function detectEncoding(bytes: Uint8Array): ExportEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length >= 2 && bytes[1] === 0 && bytes[0] !== 0) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return 'utf-16be';
  return 'utf-8';
}

/** Decodes bytes; invalid sequences are an error naming the file (a damaged export must not be half-read). */
export function decodeExport(bytes: Uint8Array, file: string): ExportText {
  const encoding = detectEncoding(bytes);
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  try {
    // TextDecoder drops the BOM of its own encoding (ignoreBOM false).
    const text = new TextDecoder(label, { fatal: true }).decode(bytes);
    return { text, encoding };
  } catch {
    throw new Error(`${file}: the file is not valid ${label.toUpperCase()} text`);
  }
}

/** Reads and decodes one file. */
export function readExportText(file: string): ExportText {
  return decodeExport(fs.readFileSync(file), file);
}
