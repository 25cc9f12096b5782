import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { CompletionContext } from '@codemirror/autocomplete';
import { diagnosticRange, expressionCompletions } from './expression-language.ts';

const data = () => ({
  functions: [{ name: 'Left', category: 'Text', signatures: ['str Left(str s, num n)'], doc: 'first characters', minArgs: 2, maxArgs: 2 }],
  attributes: ['givenName', 'sn'],
  parameters: ['Domain.FQDN'],
});
const complete = (text: string) => expressionCompletions(data)(new CompletionContext(EditorState.create({ doc: text }), text.length, false));

describe('expression editing', () => {
  it('underlines the token at the parser position, inside the text', () => {
    expect(diagnosticRange('Left([sn], 3', 12)).toEqual({ from: 11, to: 12 });
    expect(diagnosticRange('LCase([Title])', 6)).toEqual({ from: 6, to: 13 });
    expect(diagnosticRange('Lcase([sn])', 0)).toEqual({ from: 0, to: 5 });
    expect(diagnosticRange('', 3)).toEqual({ from: 0, to: 0 });
  });

  it('completes attributes after "[", parameters after "%", functions after a word', () => {
    const attrs = complete('Left([gi');
    expect(attrs?.from).toBe(6);
    expect(attrs?.options.map((o) => [o.label, o.apply])).toEqual([['givenName', 'givenName]'], ['sn', 'sn]']]);
    expect(complete('"@" & %Dom')?.options.map((o) => o.apply)).toEqual(['Domain.FQDN%']);
    const fns = complete('Le');
    expect(fns?.from).toBe(0);
    expect(fns?.options.find((o) => o.label === 'Left')).toMatchObject({ apply: 'Left(', detail: 'str Left(str s, num n)' });
    expect(fns?.options.map((o) => o.label)).toContain('AuthoritativeNull');
  });
});
