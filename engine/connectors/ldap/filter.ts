// Search filters built as ldapts filter objects, so values from data are sent as assertion values and can never
// change the filter's structure; `escapeFilterValue` gives the RFC 4515 string form for logs and string filters.
import {
  AndFilter,
  EqualityFilter,
  type Filter,
  FilterParser,
  GreaterThanEqualsFilter,
  NotFilter,
  OrFilter,
  PresenceFilter,
} from 'ldapts';

/** Escapes a value for an RFC 4515 string filter (`*`, `(`, `)`, `\`, NUL). */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

/** attr=value; a Buffer value is sent as raw bytes (binary attributes such as objectGUID). */
export function eq(attribute: string, value: string | Uint8Array): Filter {
  return new EqualityFilter({ attribute, value: typeof value === 'string' ? value : Buffer.from(value) });
}

/** attr>=value. */
export function gte(attribute: string, value: string): Filter {
  return new GreaterThanEqualsFilter({ attribute, value });
}

/** attr=* */
export function present(attribute: string): Filter {
  return new PresenceFilter({ attribute });
}

/** (&...) — a single operand is returned as is. */
export function and(...filters: Filter[]): Filter {
  return filters.length === 1 ? filters[0] : new AndFilter({ filters });
}

/** (|...) — a single operand is returned as is. */
export function or(...filters: Filter[]): Filter {
  return filters.length === 1 ? filters[0] : new OrFilter({ filters });
}

/** (!...) */
export function not(filter: Filter): Filter {
  return new NotFilter({ filter });
}

/** Parses an administrator-written filter string (configuration, not data); names it in the error. */
export function parseConfiguredFilter(text: string, where: string): Filter {
  try {
    return FilterParser.parseString(text);
  } catch (error) {
    throw new Error(`${where}: invalid LDAP filter ${JSON.stringify(text)}: ${(error as Error).message}`);
  }
}
