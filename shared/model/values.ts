// Attribute values as they cross the API: JSON-safe encodings of the engine's value types.
import { z } from 'zod';

/**
 * One attribute value on the wire. Strings and booleans are themselves; other types are tagged:
 * `{ int: "123" }` (64-bit integer as decimal text), `{ bin: "base64" }`, `{ date: "ISO-8601" }`, `{ ref: "DN" }`. A metaverse reference also names the metaverse object it points to
 * (`{ ref: "DN", mv: 42 }`, the DN being the referenced object's in the connector that contributed it).
 */
export const ApiValue = z.union([
  z.string(),
  z.boolean(),
  z.object({ int: z.string() }),
  z.object({ bin: z.string() }),
  z.object({ date: z.string() }),
  z.object({ ref: z.string(), mv: z.number().int().optional() }),
]);
export type ApiValue = z.infer<typeof ApiValue>;

/** Attribute name → values (single-valued attributes hold one value). */
export const ApiAttributes = z.record(z.string(), z.array(ApiValue));
export type ApiAttributes = z.infer<typeof ApiAttributes>;

/**
 * A page of results with an opaque cursor for the next page (null at the end) and the total count. `totalExact` is
 * false when a search stopped counting at a limit: there are more than `total` matches (every one still pages).
 */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), totalExact: z.boolean().optional(), nextCursor: z.string().nullable() });
}

/** The most matches a search confirms one by one to count them; beyond it the total is a lower bound. */
export const SEARCH_COUNT_LIMIT = 1000;

/** Paging fields of a search request. */
export const PageRequest = z.object({
  cursor: z.string().nullable().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
