// Search text cases for the store's text index tests, beside their LIKE and escape characters: texts whose
// separators PostgreSQL's index folds (`.9`), punctuation and non-ASCII letters it does not (`+`, `é`), long ones it reads by their rarest
// stretch, and a probe that equals a folded text (`torvaldsq9`) but no real one.

/** Values to store. */
export const FOLDING_VALUES: readonly string[] = ['Linus.Torvalds.9001@x.example', 'Linus Torvalds 9001', 'José.Müller-9@x', 'qq.q', '日本語テキスト.9', 'a.b.c.d.e.f.g.h.i.j.k.l.m.n.9876', "O'Brien+Ops/7(x)"];

/** Clause values to search for. */
export const FOLDING_PROBES: readonly string[] = [
  'torvalds.9', 'torvalds 9', 'torvaldsq9', 'sé.mü', 'é.m', 'ller-9', 'qq', 'q.q', '.9', 's.9', '語テ', 'テキスト.9', 'h.i.j.k.l.m.n.9876', 'c.d.e.f.g.h.i.j.k.l',
  'linus.torvalds.9001@x.example', "o'brien+", 'n+ops/7', 'ops/7(x', "'brien",
];
