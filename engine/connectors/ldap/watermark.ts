// Delta watermarks, serialized as JSON strings the engine stores opaquely. An unreadable or foreign
// watermark means a full import is needed.
import { z } from 'zod';
import { WatermarkExpiredError } from '../contract.ts';

const watermarkSchema = z.discriminatedUnion('type', [
  /** Last processed reqStart of cn=accesslog ('' = the log was empty). */
  z.object({ type: z.literal('accesslog'), reqStart: z.string() }),
  /** Highest entryCSN seen (OpenLDAP without accesslog; deletions are not visible this way). */
  z.object({ type: z.literal('csn'), csn: z.string().min(1) }),
  /** AD highestCommittedUSN of one domain controller (a USN is only meaningful on the DC that issued it). */
  z.object({ type: z.literal('usn'), usn: z.string().regex(/^\d+$/), dsa: z.string() }),
]);

export type Watermark = z.infer<typeof watermarkSchema>;

/** Serializes a watermark. */
export function formatWatermark(w: Watermark): string {
  return JSON.stringify(w);
}

/** Parses a watermark; throws WatermarkExpiredError when it is unreadable or of another kind than expected. */
export function parseWatermark<T extends Watermark['type']>(text: string, expected: readonly T[]): Extract<Watermark, { type: T }> {
  let parsed: Watermark;
  try {
    parsed = watermarkSchema.parse(JSON.parse(text));
  } catch {
    throw new WatermarkExpiredError(`unreadable LDAP watermark ${JSON.stringify(text.slice(0, 60))}; a full import is needed`);
  }
  if (!(expected as readonly string[]).includes(parsed.type)) {
    throw new WatermarkExpiredError(`watermark of type '${parsed.type}' does not fit this directory (expected ${expected.join(' or ')}); a full import is needed`);
  }
  return parsed as Extract<Watermark, { type: T }>;
}
