// The directory's subschema (RFC 4512 attributeTypes / objectClasses) parsed into what the connector needs:
// each attribute's value type, single/multi-valued, and each object class's attributes.
import type { AttributeType } from '../contract.ts';

export interface AttributeInfo {
  /** Every NAME of the attribute type, primary first, in the server's spelling. */
  readonly names: readonly string[];
  readonly type: AttributeType;
  readonly multiValued: boolean;
  /** Operational (USAGE other than userApplications, or NO-USER-MODIFICATION). */
  readonly operational: boolean;
}

export interface ObjectClassInfo {
  readonly names: readonly string[];
  readonly sup: readonly string[];
  readonly kind: 'STRUCTURAL' | 'AUXILIARY' | 'ABSTRACT';
  readonly must: readonly string[];
  readonly may: readonly string[];
  /** Auxiliary classes a DIT content rule allows (AD lists securityPrincipal, mailRecipient, … here). */
  readonly aux: readonly string[];
}

export interface DirectorySchema {
  /** By lower-cased name (every alias). */
  readonly attributes: ReadonlyMap<string, AttributeInfo>;
  readonly objectClasses: ReadonlyMap<string, ObjectClassInfo>;
}

const SYNTAX_TYPES: Record<string, AttributeType> = {
  '1.3.6.1.4.1.1466.115.121.1.12': 'reference', // DN
  '1.2.840.113556.1.4.903': 'binary', // AD DN-Binary
  '1.3.6.1.4.1.1466.115.121.1.27': 'integer',
  '1.2.840.113556.1.4.906': 'integer', // AD Large Integer
  '1.3.6.1.4.1.1466.115.121.1.7': 'boolean',
  '1.3.6.1.4.1.1466.115.121.1.24': 'datetime',
  '1.3.6.1.4.1.1466.115.121.1.40': 'binary', // Octet String
  '1.3.6.1.4.1.1466.115.121.1.5': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.28': 'binary', // JPEG
  '1.3.6.1.4.1.1466.115.121.1.8': 'binary', // Certificate
  '1.3.6.1.4.1.1466.115.121.1.9': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.10': 'binary',
  '1.3.6.1.4.1.1466.115.121.1.49': 'binary',
  '1.2.840.113556.1.4.907': 'binary', // AD NT security descriptor
};

/** Value type of a SYNTAX OID (length suffix `{n}` ignored); unknown syntaxes are strings. */
export function typeOfSyntax(oid: string | undefined): AttributeType {
  if (!oid) return 'string';
  return SYNTAX_TYPES[oid.replace(/\{\d+\}$/, '')] ?? 'string';
}

interface RawAttributeType {
  names: string[];
  sup?: string;
  syntax?: string;
  single: boolean;
  operational: boolean;
}

/** Splits an RFC 4512 definition into tokens: `(`, `)`, quoted strings (without quotes) and bare words. */
export function tokenize(definition: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|'((?:[^'\\]|\\.)*)'|[^\s()']+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(definition)) !== null) tokens.push(m[2] ?? m[1]);
  return tokens;
}

const FLAGS = new Set(['OBSOLETE', 'SINGLE-VALUE', 'COLLECTIVE', 'NO-USER-MODIFICATION', 'ABSTRACT', 'STRUCTURAL', 'AUXILIARY']);

/** Reads `KEYWORD value` pairs of one definition; lists `( a $ b )` become arrays. */
function fields(definition: string): Map<string, string[] | true> {
  const tokens = tokenize(definition);
  const out = new Map<string, string[] | true>();
  // tokens[0] = '(', tokens[1] = OID, last = ')'
  let i = 2;
  while (i < tokens.length - 1) {
    const key = tokens[i++].toUpperCase();
    const next = tokens[i];
    if (next === '(') {
      const list: string[] = [];
      i++;
      while (i < tokens.length && tokens[i] !== ')') {
        if (tokens[i] !== '$') list.push(tokens[i]);
        i++;
      }
      i++;
      out.set(key, list);
    } else if (!FLAGS.has(key) && next !== undefined) {
      out.set(key, [next]);
      i++;
    } else out.set(key, true);
  }
  return out;
}

function list(value: string[] | true | undefined): string[] {
  return Array.isArray(value) ? value : [];
}

/** Parses the subschema's attributeTypes, objectClasses and dITContentRules; SUP chains are resolved for syntax. */
export function parseSchema(attributeTypes: readonly string[], objectClasses: readonly string[], contentRules: readonly string[] = []): DirectorySchema {
  const raw = new Map<string, RawAttributeType>();
  for (const def of attributeTypes) {
    const f = fields(def);
    const names = list(f.get('NAME'));
    if (names.length === 0) continue;
    const usage = list(f.get('USAGE'))[0];
    const entry: RawAttributeType = {
      names,
      sup: list(f.get('SUP'))[0],
      syntax: list(f.get('SYNTAX'))[0],
      single: f.has('SINGLE-VALUE'),
      operational: (usage !== undefined && usage !== 'userApplications') || f.has('NO-USER-MODIFICATION'),
    };
    for (const n of names) raw.set(n.toLowerCase(), entry);
  }
  const syntaxOf = (a: RawAttributeType, depth = 0): string | undefined =>
    a.syntax ?? (a.sup && depth < 20 ? syntaxOfName(a.sup, depth + 1) : undefined);
  const syntaxOfName = (name: string, depth: number): string | undefined => {
    const sup = raw.get(name.toLowerCase());
    return sup ? syntaxOf(sup, depth) : undefined;
  };
  const attributes = new Map<string, AttributeInfo>();
  const done = new Map<RawAttributeType, AttributeInfo>();
  for (const [key, a] of raw) {
    let info = done.get(a);
    if (!info) {
      info = { names: a.names, type: typeOfSyntax(syntaxOf(a)), multiValued: !a.single, operational: a.operational };
      done.set(a, info);
    }
    attributes.set(key, info);
  }
  const rules = new Map<string, { aux: string[]; must: string[]; may: string[] }>();
  for (const def of contentRules) {
    const f = fields(def);
    const rule = { aux: list(f.get('AUX')), must: list(f.get('MUST')), may: list(f.get('MAY')) };
    for (const n of list(f.get('NAME'))) rules.set(n.toLowerCase(), rule);
  }
  const classes = new Map<string, ObjectClassInfo>();
  for (const def of objectClasses) {
    const f = fields(def);
    const names = list(f.get('NAME'));
    if (names.length === 0) continue;
    const kind = f.has('STRUCTURAL') ? 'STRUCTURAL' : f.has('AUXILIARY') ? 'AUXILIARY' : f.has('ABSTRACT') ? 'ABSTRACT' : 'STRUCTURAL';
    const rule = rules.get(names[0].toLowerCase());
    const info: ObjectClassInfo = {
      names,
      sup: list(f.get('SUP')),
      kind,
      must: [...list(f.get('MUST')), ...(rule?.must ?? [])],
      may: [...list(f.get('MAY')), ...(rule?.may ?? [])],
      aux: rule?.aux ?? [],
    };
    for (const n of names) classes.set(n.toLowerCase(), info);
  }
  return { attributes, objectClasses: classes };
}

/** All MUST and MAY attributes of an object class including those inherited through SUP and allowed AUX classes. */
export function attributesOfClass(schema: DirectorySchema, className: string): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  const visit = (name: string): void => {
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    const oc = schema.objectClasses.get(key);
    if (!oc) return;
    for (const a of [...oc.must, ...oc.may]) out.add(schema.attributes.get(a.toLowerCase())?.names[0] ?? a);
    for (const s of [...oc.sup, ...oc.aux]) visit(s);
  };
  visit(className);
  return [...out];
}
