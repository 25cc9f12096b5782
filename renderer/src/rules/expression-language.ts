// The rule expression language for CodeMirror: a tokenizer for highlighting (strings, numbers, [attributes],
// %parameters%, $variables, function names, constants, operators) and the completion source (functions from
// the engine's registry, attributes of the rule's source, parameters of its connector).
import { HighlightStyle, StreamLanguage, type StringStream } from '@codemirror/language';
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { tags } from '@lezer/highlight';
import type { FunctionInfo } from '../../../shared/model/rules-editor.ts';

const CONSTANTS = new Set(['True', 'False', 'NULL', 'AuthoritativeNull', 'IgnoreThisFlow', 'CRLF']);

/** The tokenizer (state-free: every token fits on one line except strings, which the language keeps on one). */
export const expressionLanguage = StreamLanguage.define<Record<string, never>>({
  name: 'idsync-expression',
  startState: () => ({}),
  token(stream: StringStream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^&H[0-9a-fA-F]+/) || stream.match(/^\d+/)) return 'number';
    if (stream.match(/^\[[^\]\n]*\]?/)) return 'propertyName';
    if (stream.match(/^%[^%\n]*%?/)) return 'special';
    if (stream.match(/^\$[A-Za-z_]\w*/)) return 'variableName';
    const word = stream.match(/^[A-Za-z_][\w.]*/) as RegExpMatchArray | null;
    if (word) {
      if (CONSTANTS.has(word[0])) return 'atom';
      return /^\s*\(/.test(stream.string.slice(stream.pos)) ? 'variableName.function' : 'variableName';
    }
    if (stream.match(/^(&&|\|\||<>|<=|>=|[=<>&+\-*/])/)) return 'operator';
    if (stream.match(/^[(),]/)) return 'punctuation';
    stream.next();
    return 'invalid';
  },
});

/** Colours that read on the light and the dark theme alike. */
export const expressionHighlight = HighlightStyle.define([
  { tag: tags.string, color: '#2e7d32' },
  { tag: tags.number, color: '#b35c00' },
  { tag: tags.propertyName, color: '#1565c0', fontWeight: '600' },
  { tag: tags.special(tags.variableName), color: '#8e24aa' },
  { tag: tags.function(tags.variableName), color: '#6a1b9a', fontWeight: '600' },
  { tag: tags.atom, color: '#c62828' },
  { tag: tags.operator, color: '#546e7a' },
  { tag: tags.invalid, color: '#ffffff', backgroundColor: '#c62828' },
]);

/** What the completion source offers; read at completion time so it follows the latest queries. */
export interface CompletionData {
  readonly functions: readonly FunctionInfo[];
  readonly attributes: readonly string[];
  readonly parameters: readonly string[];
}

/** Functions after a word start, attributes after `[`, parameters after `%`. */
export function expressionCompletions(data: () => CompletionData) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const attr = ctx.matchBefore(/\[[^\]\n]*/);
    if (attr) {
      return {
        from: attr.from + 1,
        options: data().attributes.map((a): Completion => ({ label: a, type: 'property', apply: `${a}]` })),
        validFor: /^[^\]\n]*$/,
      };
    }
    const param = ctx.matchBefore(/%[^%\n]*/);
    if (param) {
      return { from: param.from + 1, options: data().parameters.map((p): Completion => ({ label: p, type: 'constant', apply: `${p}%` })), validFor: /^[^%\n]*$/ };
    }
    const word = ctx.matchBefore(/[A-Za-z_]\w*/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    const options: Completion[] = [
      ...data().functions.map((f): Completion => ({ label: f.name, type: 'function', detail: f.signatures[0] ?? '', info: f.doc, apply: `${f.name}(` })),
      ...[...CONSTANTS].map((c): Completion => ({ label: c, type: 'keyword' })),
    ];
    return { from: word.from, options, validFor: /^\w*$/ };
  };
}

/** The span a diagnostic underlines: the token at its offset (at least one character), inside the text. */
export function diagnosticRange(text: string, offset: number): { from: number; to: number } {
  if (text.length === 0) return { from: 0, to: 0 };
  const from = Math.min(Math.max(0, offset), text.length - 1);
  const m = /^(\[[^\]]*\]?|"[^"]*"?|%[^%]*%?|\w+)/.exec(text.slice(from));
  return { from, to: from + Math.max(1, m ? m[0].length : 1) };
}
