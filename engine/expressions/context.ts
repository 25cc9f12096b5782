// What an expression reads while it evaluates: the source object's attributes, parameters, the imported view.
import type { AttributeValue, Attributes } from '../model/values.ts';
import type { DateTime } from './datetime.ts';
import { fromAttributeValues, type DataValue } from './values.ts';

/** The source object and run parameters, as an evaluated expression sees them. */
export interface EvaluationContext {
  /** The attribute's value: a scalar, a list for multi-valued attributes, or null when absent. */
  attribute(name: string): DataValue;
  /** The value of `%name%`, or undefined when the parameter is not defined. */
  parameter(name: string): string | undefined;
  /** The attribute as last confirmed by an import (ImportedValue); defaults to `attribute`. */
  importedValue?(name: string): DataValue;
  /** Number of values of an attribute (ValueCount); defaults to counting `attribute`. */
  valueCount?(name: string): number;
  /** The clock for Now(); defaults to the system clock. */
  now?(): DateTime;
}

/** Options of `createContext`. */
export interface ContextOptions {
  /** Attribute name → stored values of the source object. */
  readonly attributes: Attributes;
  /** Whether an attribute is multi-valued (from the schema). Default: more than one value present. */
  readonly multiValued?: ReadonlySet<string> | ((name: string) => boolean);
  /** Run parameters such as `Domain.FQDN` (names without the `%`). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The confirmed-import view of the object; defaults to `attributes`. */
  readonly imported?: Attributes;
  /** Match attribute names ignoring case (LDAP-style) when no exact match exists. Default false. */
  readonly caseInsensitiveNames?: boolean;
}

/** Builds an evaluation context over stored attribute values. */
export function createContext(options: ContextOptions): EvaluationContext {
  return new AttributesContext(options);
}

class AttributesContext implements EvaluationContext {
  private readonly attrs: Attributes;
  private readonly imported: Attributes;
  private readonly params: Readonly<Record<string, string>>;
  private readonly isMulti: (name: string, count: number) => boolean;
  private readonly lowerIndexes = new Map<Attributes, Map<string, string>>();

  constructor(private readonly options: ContextOptions) {
    this.attrs = options.attributes;
    this.imported = options.imported ?? options.attributes;
    this.params = options.parameters ?? {};
    const mv = options.multiValued;
    this.isMulti =
      mv === undefined ? (_n, count) => count > 1 : typeof mv === 'function' ? (n) => mv(n) : (n) => mv.has(n);
  }

  attribute(name: string): DataValue {
    return this.read(this.attrs, name);
  }

  importedValue(name: string): DataValue {
    return this.read(this.imported, name);
  }

  valueCount(name: string): number {
    return this.lookup(this.attrs, name)?.length ?? 0;
  }

  parameter(name: string): string | undefined {
    return Object.hasOwn(this.params, name) ? this.params[name] : undefined;
  }

  private read(source: Attributes, name: string): DataValue {
    const values = this.lookup(source, name);
    if (values === undefined || values.length === 0) return null;
    return fromAttributeValues(values, this.isMulti(name, values.length));
  }

  private lookup(source: Attributes, name: string): readonly AttributeValue[] | undefined {
    // Indexing first keeps the hot path fast; the array check rejects inherited members such as `constructor`.
    const direct = source[name];
    if (Array.isArray(direct)) return direct;
    if (!this.options.caseInsensitiveNames) return undefined;
    let index = this.lowerIndexes.get(source);
    if (!index) {
      index = new Map();
      for (const key of Object.keys(source)) index.set(key.toLowerCase(), key);
      this.lowerIndexes.set(source, index);
    }
    const key = index.get(name.toLowerCase());
    return key === undefined ? undefined : source[key];
  }
}

/** Options of `createValueContext`. */
export interface ValueContextOptions {
  /** Attribute name → expression value (a list for multi-valued attributes). */
  readonly values: Readonly<Record<string, DataValue>>;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly imported?: Readonly<Record<string, DataValue>>;
  readonly now?: () => DateTime;
}

/** Builds an evaluation context over values already in the expression value model. */
export function createValueContext(options: ValueContextOptions): EvaluationContext {
  const read = (source: Readonly<Record<string, DataValue>>, name: string): DataValue => (Object.hasOwn(source, name) ? source[name] : null);
  const params = options.parameters ?? {};
  return {
    attribute: (name) => read(options.values, name),
    importedValue: (name) => read(options.imported ?? options.values, name),
    parameter: (name) => (Object.hasOwn(params, name) ? params[name] : undefined),
    ...(options.now ? { now: options.now } : {}),
  };
}
