// Which object a journey is about, as it is written in the URL: `mv:ID` or `cs:CONNECTOR:ID`.
import type { SearchHit } from '../../../shared/model/journey.ts';

export type JourneyRef = { readonly mvId: string } | { readonly connector: string; readonly csId: string };

/** The URL text of a journey. */
export function journeyParam(ref: JourneyRef): string {
  return 'mvId' in ref ? `mv:${ref.mvId}` : `cs:${encodeURIComponent(ref.connector)}:${ref.csId}`;
}

/** Reads a journey from its URL text; null when it is not one. */
export function parseJourney(text: string | null): JourneyRef | null {
  if (!text) return null;
  const mv = /^mv:(\d+)$/.exec(text);
  if (mv) return { mvId: mv[1] };
  const cs = /^cs:(.+):(\d+)$/.exec(text);
  if (cs) return { connector: decodeURIComponent(cs[1]), csId: cs[2] };
  return null;
}

/** The journey a search hit opens: its metaverse object when it has one, else the connector space object. */
export function journeyOfHit(hit: SearchHit): JourneyRef {
  if (hit.mvId) return { mvId: hit.mvId };
  return { connector: hit.connector ?? '', csId: hit.id };
}
