// Renders the function reference (docs/functions.md) from the registry.
// Run: npx tsx engine/expressions/function-list.ts > docs/functions.md
import { pathToFileURL } from 'node:url';
import type { Category } from './function-def.ts';
import { functions } from './registry.ts';

const ORDER: readonly Category[] = ['Certificate', 'Conversion', 'Date/Time', 'Directory', 'Evaluation', 'Math', 'Multi-valued', 'Program Flow', 'Text', 'Source object'];

/** A Markdown list of every function: name, signatures, category and one-line description. */
export function renderFunctionList(): string {
  const lines = [
    '# Expression functions',
    '',
    `Generated from the function registry (\`engine/expressions/registry.ts\`) by \`npx tsx engine/expressions/function-list.ts\`. ${functions.length} functions.`,
    'Names are case-sensitive. Types: `str` String, `num` 64-bit Integer, `bool` Boolean, `bin` Binary, `ref` Reference, `dt` DateTime, `mv…` multi-valued, `var` any, `exp` condition, `enum` a named option.',
    '',
  ];
  for (const category of ORDER) {
    const group = functions.filter((f) => f.category === category).sort((a, b) => a.name.localeCompare(b.name));
    if (group.length === 0) continue;
    lines.push(`## ${category}`, '');
    for (const f of group) {
      lines.push(`- **${f.name}** — ${f.doc}`);
      for (const s of f.signatures) lines.push(`  - \`${s}\``);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(renderFunctionList());
