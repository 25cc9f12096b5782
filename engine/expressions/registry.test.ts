import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderFunctionList } from './function-list.ts';
import { arity } from './function-def.ts';
import { functions, lookupFunction } from './registry.ts';

describe('function registry', () => {
  it('holds the 85 documented functions plus ImportedValue and ValueCount, grouped as documented', () => {
    expect(functions).toHaveLength(87);
    const counts = Object.fromEntries(['Certificate', 'Conversion', 'Date/Time', 'Directory', 'Evaluation', 'Math', 'Multi-valued', 'Program Flow', 'Text', 'Source object'].map((c) => [c, functions.filter((f) => f.category === c).length]));
    expect(counts).toEqual({ Certificate: 22, Conversion: 12, 'Date/Time': 5, Directory: 3, Evaluation: 9, Math: 3, 'Multi-valued': 7, 'Program Flow': 6, Text: 18, 'Source object': 2 });
    expect(new Set(functions.map((f) => f.name)).size).toBe(87);
  });

  it('describes every function completely', () => {
    for (const f of functions) {
      expect(f.doc.length, f.name).toBeGreaterThan(10);
      expect(f.signatures.length, f.name).toBeGreaterThan(0);
      expect(f.signatures.every((s) => s.includes(`${f.name}(`)), f.name).toBe(true);
      expect(Boolean(f.impl) !== Boolean(f.form), f.name).toBe(true);
    }
    expect(arity(lookupFunction('Mid')!)).toEqual({ min: 2, max: 3 });
    expect(lookupFunction('iif')).toBeUndefined();
  });

  it('renders a Markdown list with every function', () => {
    const md = renderFunctionList();
    for (const f of functions) expect(md).toContain(`- **${f.name}** — ${f.doc}`);
    expect(md).toContain('## Program Flow');
  });

  it('matches the committed docs/functions.md (regenerate it after changing the registry)', () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    expect(readFileSync(path.join(repoRoot, 'docs/functions.md'), 'utf8')).toBe(renderFunctionList());
  });
});
