// PostgreSQL's trigram index of the search text rows (text-rows.ts) holds each row's text folded: separators become
// `q`, so pg_trgm, which cuts words at punctuation, keeps them (and the digits after them) in its trigrams. This file
// says what is folded, in SQL for the index and in JavaScript for the patterns that read it.

/** Separators of directory text that the trigram indexes fold to `q` (a replace() each: nine cost less than one regexp). */
const FOLDED = [' ', '.', ',', '=', '@', '-', '_', ':', "'"];

/**
 * What the trigram indexes hold per row (PostgreSQL schema 2): the attribute's id between two `q`s, then the text with
 * each FOLDED separator as `q`. pg_trgm cuts text into words at punctuation, so unfolded, the `.9` of `torvalds.9`
 * gives no trigram and the index finds every row holding `torvalds` in any attribute; folded, the text is one word
 * whose trigrams (`dsq`, `sq9`) keep the separator and digit. A pattern asks for `q8q` anywhere rather than at the
 * start: that keeps other attributes out with one trigram, not with the padded ones of a word's start, whose lists
 * hold every row of every attribute whose id starts with the same digit. Folding only ever joins texts, so a pattern
 * of folded text selects a superset of the rows, which the LIKE on the text itself makes exact.
 */
export const FOLDED_TEXT_SQL = `('q' || CAST(attr AS TEXT) || 'q' || ${FOLDED.reduce((sql, c) => `replace(${sql}, '${c.replaceAll("'", "''")}', 'q')`, 'value')})`;

/** Characters a pattern spells as they are; FOLDED ones it spells `q`; any other ends a stretch (pg_trgm may cut a word there). */
const KEPT = /^[a-z0-9]$/;

/** A long text asks the index for this many folded characters (its rarest stretch): each trigram's list is read whole. */
const WINDOW = 10;

/** How rarely a folded character occurs in directory text: digits and uncommon letters narrow most, `q` (a separator) least. */
function rarity(c: string): number {
  if (c >= '0' && c <= '9') return 3;
  if ('vkjxz'.includes(c)) return 3;
  if ('dlcumwfgypb'.includes(c)) return 2;
  return c === 'q' ? 0.5 : 1;
}

/**
 * The LIKE pattern over FOLDED_TEXT_SQL that selects a superset of the rows whose text contains `text`: its stretches
 * of letters, digits and folded separators in order, each between wildcards, a long text only its rarest stretch of
 * WINDOW characters. Null when no stretch has the three characters of a trigram.
 */
export function foldedPattern(text: string): string | null {
  const stretches: string[] = [''];
  for (const c of text) {
    if (KEPT.test(c) || FOLDED.includes(c)) stretches[stretches.length - 1] += KEPT.test(c) ? c : 'q';
    else if (stretches[stretches.length - 1] !== '') stretches.push('');
  }
  const useful = stretches.filter((t) => t.length >= 3);
  if (useful.length === 0) return null;
  const total = useful.reduce((n, t) => n + t.length, 0);
  if (total <= WINDOW + 2) return `%${useful.join('%')}%`;
  let best = '';
  let bestScore = -1;
  for (const t of useful) {
    for (let i = 0; i + Math.min(WINDOW, t.length) <= t.length; i++) {
      const w = t.slice(i, i + WINDOW);
      const score = [...w].reduce((sum, c) => sum + rarity(c), 0);
      // Among equals the later one: texts share their beginnings (`cn=`, a given name) more than the rest.
      if (score >= bestScore) [best, bestScore] = [w, score];
    }
  }
  return `%${best}%`;
}
