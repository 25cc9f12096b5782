// Values that many objects share (departments, titles, companies, cities, object classes) are written as their id in
// the store's name dictionary instead of their text. A value joins the dictionary once this process has seen it
// often enough; counting is bounded, and values of identity attributes never join: they are mostly one object's own,
// and counting them would only push the shared values out of the window.
import { IDENTITY_ATTRIBUTES } from './identity-attributes.ts';
import type { StoreNames } from './store-names.ts';

/** A value seen this often (within one counting window) joins the dictionary. */
const COMMON = 8;
/** Distinct values counted at once; the counts start over when full. */
const WINDOW = 20_000;
/** The dictionary stops taking values at this size (attribute names and other names still join). */
const MAX_NAMES = 100_000;
const MIN_LENGTH = 2;
const MAX_LENGTH = 64;

/** The dictionary ids of common values, and the counting that decides which values are common. */
export class CommonValues {
  private readonly seen = new Map<string, number>();
  private readonly identity = new Map<string, boolean>();

  constructor(private readonly names: StoreNames) {}

  /** The id to write for a text value of an attribute, or undefined to write the text. */
  idOf(attr: string, value: string): number | undefined {
    if (value.length < MIN_LENGTH || value.length > MAX_LENGTH || this.isIdentity(attr)) return undefined;
    const known = this.names.cachedId(value);
    if (known !== undefined) return known;
    const n = (this.seen.get(value) ?? 0) + 1;
    if (n < COMMON) {
      if (this.seen.size >= WINDOW) this.seen.clear();
      this.seen.set(value, n);
      return undefined;
    }
    this.seen.delete(value);
    return this.names.size < MAX_NAMES ? this.names.id(value) : undefined;
  }

  private isIdentity(attr: string): boolean {
    let yes = this.identity.get(attr);
    if (yes === undefined) {
      yes = IDENTITY_ATTRIBUTES.has(attr.toLowerCase());
      this.identity.set(attr, yes);
    }
    return yes;
  }
}
