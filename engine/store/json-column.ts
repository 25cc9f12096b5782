// JSON columns: null for empty values so rows stay small.

/** Serialises a value for a JSON column; empty objects become NULL. */
export function toJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return null;
  return JSON.stringify(value);
}

/** Parses a JSON column, with a fallback for NULL. */
export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/** The current time as ISO-8601 text. */
export function nowIso(): string {
  return new Date().toISOString();
}
