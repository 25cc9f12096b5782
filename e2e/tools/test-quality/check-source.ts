// The rules of the test-quality check, on one test file's text. Simple, documented heuristics, not a type-aware
// analysis:
// - `.only` on it/test/describe/suite is refused.
// - A test (a call of `it`/`test`, with any modifiers such as `.each(...)`, `.skipIf(...)`, whose last argument list
//   holds a function) must assert: its function mentions `expect` or `assert`, or calls a helper that does. Helpers
//   are the functions declared in the same file (`function f`, `const f = (...) =>`, `const f = function`) and the
//   ones imported by name from a relative module; a helper asserts when its body mentions `expect`/`assert` or
//   calls another helper of its own file that does.
// - A skip must be conditional and print its reason. `it.skip`/`test.skip(title, fn)`, `.todo`, `.fixme(title, fn)`
//   and a bare `test.skip()` are refused outright. A conditional skip (`.skipIf`, `.runIf`, `test.skip(cond, why)`,
//   `test.fixme(cond, why)`, `ctx.skip()`) needs a `console.log/info/warn/error` call in the ten lines up to it, or
//   one at the top level of the file, or a condition read from a helper that prints its own reason (PRINTING_HELPERS).
// - An assertion that cannot fail, `.toBeGreaterThanOrEqual(0)`, is refused.
import { lineOf, maskSource, matchingBracket } from './source-mask.ts';

/** One finding: where, and what is wrong. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Reads a module imported by a test file, or undefined when it cannot be found. */
export type ModuleReader = (fromFile: string, specifier: string) => { file: string; text: string } | undefined;

/** Helpers that print why they make tests skip (engine/test-data/sample-data.ts, store-under-test.ts). */
export const PRINTING_HELPERS = ['sampleData', 'sqliteOnly', 'postgresOnly'];

const ASSERTS = /\b(expect|assert)\b/;
const PRINTS = /\bconsole\s*\.\s*(log|info|warn|error)\s*\(/g;
const NOT_A_TEST = new Set(['describe', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'extend', 'use', 'setTimeout', 'info', 'step', 'slow', 'configure', 'fail', 'expect']);
const SKIPS = new Set(['skip', 'skipIf', 'runIf', 'todo', 'fixme']);

interface Call {
  readonly start: number;
  readonly base: string;
  readonly members: string[];
  /** [open, close] offsets of each argument list, in order. */
  readonly calls: [number, number][];
}

/** Calls chained on it/test/describe/suite: `it.each([...])('x', fn)` gives members [each] and two argument lists. */
function chainedCalls(code: string): Call[] {
  const found: Call[] = [];
  const head = /(?<![\w$.])(it|test|describe|suite)\b/g;
  for (let m = head.exec(code); m; m = head.exec(code)) {
    const members: string[] = [];
    const calls: [number, number][] = [];
    let i = m.index + m[0].length;
    for (;;) {
      const rest = /^\s*(?:\.\s*([\w$]+)|(\())/.exec(code.slice(i, i + 200));
      if (!rest) break;
      if (rest[1]) {
        members.push(rest[1]);
        i += rest[0].length;
        continue;
      }
      const open = i + rest[0].length - 1;
      const close = matchingBracket(code, open);
      if (close < 0) break;
      calls.push([open, close]);
      i = close + 1;
    }
    if (calls.length > 0) found.push({ start: m.index, base: m[1]!, members, calls });
  }
  return found;
}

/** Splits an argument list (without its parentheses) at top-level commas. */
function splitArgs(code: string, open: number, close: number): { text: string; at: number }[] {
  const args: { text: string; at: number }[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open + 1; i < close; i++) {
    const c = code[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      args.push({ text: code.slice(from, i), at: from });
      from = i + 1;
    }
  }
  if (code.slice(from, close).trim() !== '') args.push({ text: code.slice(from, close), at: from });
  return args;
}

const isFunction = (arg: string) => /^\s*(async\s+)?(function\b|\([^]*?\)\s*(:\s*[^=]+)?=>|[\w$]+\s*=>)/.test(arg);

/** Functions declared in a file, by name, with their text. */
function declaredFunctions(code: string): Map<string, string> {
  const defs = new Map<string, string>();
  const patterns = [/\bfunction\s*\*?\s*([\w$]+)\s*(<[^>]*>)?\s*\(/g, /\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:function\b|\(|[\w$]+\s*=>)/g];
  for (const re of patterns) {
    for (let m = re.exec(code); m; m = re.exec(code)) {
      const end = statementEnd(code, m.index);
      defs.set(m[1]!, code.slice(m.index, end));
    }
  }
  return defs;
}

/** End of the declaration starting at `from`: the first `;` or line end outside brackets that ends the statement. */
function statementEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth < 0) return i;
    } else if (depth === 0 && c === ';') return i;
    else if (depth === 0 && c === '\n') {
      const before = code.slice(from, i).trimEnd();
      const after = code.slice(i + 1).trimStart();
      if (!/(=>|[,(=+\-*/&|?:.])$/.test(before) && !/^[.?:&|+\-*/]/.test(after)) return i;
    }
  }
  return code.length;
}

const calledNames = (text: string) => new Set([...text.matchAll(/([\w$]+)\s*(?:<[^>()]*>)?\s*\(/g)].map((m) => m[1]!));

/** Names of the functions of a file that assert (directly or through another function of the file). */
function assertingFunctions(code: string): Set<string> {
  const defs = declaredFunctions(code);
  const asserting = new Set([...defs].filter(([, body]) => ASSERTS.test(body)).map(([name]) => name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, body] of defs) {
      if (asserting.has(name)) continue;
      if ([...calledNames(body)].some((n) => n !== name && asserting.has(n))) {
        asserting.add(name);
        grew = true;
      }
    }
  }
  return asserting;
}

/** Names imported from relative modules whose definitions assert. */
function assertingImports(file: string, code: string, src: string, read: ModuleReader): Set<string> {
  const names = new Set<string>();
  const imports = /\bimport\s*(?:type\s*)?\{([^}]*)\}\s*from\s*(['"])/g;
  for (let m = imports.exec(code); m; m = imports.exec(code)) {
    const quoteAt = m.index + m[0].length - 1;
    const specifier = src.slice(quoteAt + 1, src.indexOf(m[2]!, quoteAt + 1));
    if (!specifier.startsWith('.')) continue;
    const module = read(file, specifier);
    if (!module) continue;
    const theirs = assertingFunctions(maskSource(module.text));
    for (const part of m[1]!.split(',')) {
      const [original, local] = part.replace(/\btype\b/, '').split(/\s+as\s+/).map((s) => s.trim());
      if (original && theirs.has(original)) names.add(local || original);
    }
  }
  return names;
}

/** Offsets of console print calls at the top level of the file (outside every block). */
function topLevelPrints(code: string): number[] {
  const at: number[] = [];
  let depth = 0;
  let next = 0;
  const prints = [...code.matchAll(PRINTS)].map((m) => m.index);
  for (let i = 0; i < code.length && next < prints.length; i++) {
    if (i === prints[next]) {
      if (depth === 0) at.push(i);
      next++;
    }
    if (code[i] === '{') depth++;
    else if (code[i] === '}') depth--;
  }
  return at;
}

/** Every problem of one test file. */
export function checkSource(file: string, src: string, read: ModuleReader = () => undefined): Problem[] {
  const code = maskSource(src);
  const problems: Problem[] = [];
  const report = (offset: number, message: string) => problems.push({ file, line: lineOf(src, offset), message });
  const helpers = new Set([...assertingFunctions(code), ...assertingImports(file, code, src, read)]);
  const printedAtTop = topLevelPrints(code);
  const printingVars = new Set([...code.matchAll(new RegExp(`\\b(?:const|let|var)\\s+([\\w$]+)\\s*=\\s*(?:await\\s+)?(?:${PRINTING_HELPERS.join('|')})\\s*\\(`, 'g'))].map((m) => m[1]!));
  const codeLines = code.split('\n');

  const printsReason = (offset: number, condition: string) => {
    const line = lineOf(src, offset);
    const window = codeLines.slice(Math.max(0, line - 11), line).join('\n');
    if (new RegExp(PRINTS.source).test(window)) return true;
    if (printedAtTop.some((p) => p < offset)) return true;
    if (new RegExp(`\\b(?:${PRINTING_HELPERS.join('|')})\\s*\\(`).test(condition)) return true;
    return [...printingVars].some((v) => new RegExp(`\\b${v.replace(/\$/g, '\\$')}\\b`).test(condition));
  };

  for (const call of chainedCalls(code)) {
    const name = [call.base, ...call.members].join('.');
    if (call.members.includes('only')) report(call.start, `${name}: .only runs one test and silently drops the others`);
    const last = call.calls[call.calls.length - 1]!;
    const args = splitArgs(code, last[0], last[1]);
    const fn = args.find((a) => isFunction(a.text));
    const skip = call.members.find((m) => SKIPS.has(m));
    const definesTest = (call.base === 'it' || call.base === 'test') && fn !== undefined && !call.members.some((m) => NOT_A_TEST.has(m));

    if (skip === 'todo' || ((skip === 'skip' || skip === 'fixme') && (fn !== undefined || args.length === 0))) {
      report(call.start, `${name}: a test skipped without a condition never runs; give it a condition and a printed reason, or delete it`);
    } else if (skip) {
      const condition = skip === 'skipIf' || skip === 'runIf' ? code.slice(...call.calls[0]!) : args[0]?.text ?? '';
      if (!printsReason(call.start, condition)) report(call.start, `${name}: a skip must print its reason (console.log next to it or at the top of the file)`);
    }

    if (definesTest && skip !== 'todo') {
      const body = fn.text;
      const asserts = ASSERTS.test(body) || [...calledNames(body)].some((n) => helpers.has(n));
      if (!asserts) report(call.start, `${name}: the test asserts nothing (no expect/assert, and no helper that asserts)`);
    }
  }

  for (const m of code.matchAll(/\.\s*toBeGreaterThanOrEqual\s*\(\s*0\s*\)/g)) {
    report(m.index, 'toBeGreaterThanOrEqual(0) cannot fail for a count; assert the expected value');
  }
  for (const m of code.matchAll(/\b(ctx|context|task|t)\s*\.\s*skip\s*\(/g)) {
    if (!printsReason(m.index, '')) report(m.index, `${m[1]}.skip(): a skip must print its reason (console.log next to it or at the top of the file)`);
  }
  return problems.sort((a, b) => a.line - b.line);
}
