// XML of the export as plain objects (fast-xml-parser): every value stays text, namespace prefixes (dsml:) are
// dropped, and a malformed file is an error naming the file, the line and the column.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: child elements by name, attributes as `@_name`, text as `#text`. */
export type XmlNode = { readonly [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Character references (&#xD;) appear in expressions; XML's own five entities are always decoded.
  htmlEntities: true,
});

/** Parses one file's text; a syntax error names the file and the position. */
export function parseXml(text: string, file: string): XmlNode {
  const check = XMLValidator.validate(text);
  if (check !== true) throw new Error(`${file}: line ${check.err.line}, column ${check.err.col}: ${check.err.msg}`);
  return parser.parse(text) as XmlNode;
}

/** A child element or value, whatever its shape, as a list (absent → []). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The child element `name` of a node (the first when repeated), or an empty node. */
export function child(node: unknown, name: string): XmlNode {
  const v = node && typeof node === 'object' ? (node as XmlNode)[name] : undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return first && typeof first === 'object' ? (first as XmlNode) : {};
}

/** The text of a value: a string, or an element's `#text` ('' when empty). */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as XmlNode)['#text']);
  return String(value);
}

/** The text of child element `name`. */
export function childText(node: unknown, name: string): string {
  return text(node && typeof node === 'object' ? (node as XmlNode)[name] : undefined);
}

/** An attribute's value ('' when absent). */
export function attr(node: unknown, name: string): string {
  return node && typeof node === 'object' ? text((node as XmlNode)[`@_${name}`]) : '';
}

/** The boolean spellings the export uses: True/False, true/false, 1/0. */
export function flag(value: string): boolean {
  return /^(true|1)$/i.test(value.trim());
}
