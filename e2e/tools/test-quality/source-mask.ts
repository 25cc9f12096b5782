// Blanks out comments, string, template and regular-expression literals of TypeScript source, keeping every
// offset and line break, so that simple patterns and bracket matching see only code.

const REGEX_AFTER = new Set([...'(,=:[!&|?{};+-*%<>~^']);
const REGEX_AFTER_WORDS = /\b(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;

/** The source with the insides of comments and literals replaced by spaces (quotes and line breaks kept). */
export function maskSource(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  // Each frame is code (counting its braces, to know where a template's `${…}` ends) or a template literal.
  const frames: ({ kind: 'code'; braces: number } | { kind: 'template' })[] = [{ kind: 'code', braces: 0 }];
  let lastSignificant = '';
  let i = 0;
  while (i < src.length) {
    const frame = frames[frames.length - 1]!;
    const c = src[i]!;
    if (frame.kind === 'template') {
      if (c === '\\') {
        blank(i, i + 2);
        i += 2;
      } else if (c === '`') {
        frames.pop();
        lastSignificant = '`';
        i++;
      } else if (c === '$' && src[i + 1] === '{') {
        frames.push({ kind: 'code', braces: 1 });
        lastSignificant = '{';
        i += 2;
      } else {
        blank(i, i + 1);
        i++;
      }
      continue;
    }
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      lastSignificant = c;
      i = j + 1;
    } else if (c === '`') {
      frames.push({ kind: 'template' });
      i++;
    } else if (c === '/' && (lastSignificant === '' || REGEX_AFTER.has(lastSignificant) || REGEX_AFTER_WORDS.test(src.slice(Math.max(0, i - 12), i).trimEnd()))) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n' && (inClass || src[j] !== '/')) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      blank(i + 1, j);
      lastSignificant = '/';
      i = j + 1;
    } else {
      if (c === '{') frame.braces++;
      if (c === '}') {
        frame.braces--;
        if (frame.braces === 0 && frames.length > 1) frames.pop();
      }
      if (!/\s/.test(c)) lastSignificant = /[\w$]/.test(c) ? 'w' : c;
      i++;
    }
  }
  return out.join('');
}

/** Offset of the bracket closing the one at `open` (in masked source), or -1. */
export function matchingBracket(code: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** 1-based line of an offset. */
export function lineOf(src: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < src.length; i++) if (src[i] === '\n') line++;
  return line;
}
