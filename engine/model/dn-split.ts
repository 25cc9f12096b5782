// Splitting DN text on separators that are not escaped (RFC 4514), shared by the connectors and the expressions.

/** Splits `text` on every `separator` not preceded by a backslash; parts keep their escapes and spacing. */
export function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}
