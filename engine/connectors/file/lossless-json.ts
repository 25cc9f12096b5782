// JSON parsing that keeps 64-bit integers exact: an integer outside the safe range of a JavaScript number
// (AD FILETIMEs, USNs) becomes a bigint instead of being rounded. JSON.parse does the rest of the work.

/** Parses JSON text; integers beyond ±(2^53 − 1) come back as bigint. Throws SyntaxError naming the position. */
export function parseJsonLossless(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${i} of the JSON text`);
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const value = (depth: number): unknown => {
    if (depth > 512) fail('nesting too deep');
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      space();
      if (text[i] === '}') return i++, out;
      for (;;) {
        space();
        if (text[i] !== '"') fail('expected a property name');
        const key = string();
        space();
        if (text[i++] !== ':') fail('expected ":"');
        Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, out;
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      space();
      if (text[i] === ']') return i++, out;
      for (;;) {
        out.push(value(depth + 1));
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, out;
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    return number();
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const number = (): number | bigint => {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('unexpected character');
    i += m![0].length;
    const n = Number(m![0]);
    return m![1] === undefined && m![2] === undefined && !Number.isSafeInteger(n) ? BigInt(m![0]) : n;
  };
  const result = value(0);
  space();
  if (i < text.length) fail('unexpected text after the JSON value');
  return result;
}

/** Parses with JSON.parse unless the text has a digit run long enough to be an integer beyond the safe range. */
export function parseJson(text: string): unknown {
  return /\d{16}/.test(text) ? parseJsonLossless(text) : JSON.parse(text);
}
