// A small structural check of generated SVG: tags balance, attributes are quoted, entities are known. Enough to
// catch a broken writer without pulling in an XML parser.

/** Returns the first problem found in `text` as XML, or undefined when it is well-formed. */
export function xmlProblem(text: string): string | undefined {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  let roots = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    const badAmp = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(chunk);
    if (badAmp) return `unescaped & at offset ${i + badAmp.index}`;
    if (stack.length === 0 && chunk.trim() !== '') return `text outside the root at offset ${i}`;
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(text);
    if (!m) return `malformed tag at offset ${lt}: ${text.slice(lt, lt + 40)}`;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) return `</${name}> at offset ${lt} closes <${open ?? 'nothing'}>`;
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name as string);
    } else if (stack.length === 0) roots++;
    i = tag.lastIndex;
  }
  if (stack.length > 0) return `unclosed <${stack.join('> <')}>`;
  if (roots !== 1) return `expected one root element, found ${roots}`;
  return undefined;
}
