// Reads an LDIF file (RFC 2849: content or change records) and replays it the way a directory server would,
// giving the entries it holds at the end. What a server would refuse (an add of an existing DN, a modify of a
// missing entry, removing the value an entry is named by…) is reported as a problem with its line.
import { canonicalDn, foldValue, formatDn, parseDn } from './dn.ts';
import type { ActualEntry, ActualTarget } from './target-content.ts';

interface Line {
  readonly no: number;
  readonly name: string;
  readonly value: string;
}

interface Entry {
  dn: string;
  /** lower-case name → name as written and values. */
  readonly attrs: Map<string, { name: string; values: string[] }>;
}

/** Parses the text into records of `name: value` lines (unfolded, base64 decoded, comments dropped). */
function records(text: string, problems: string[]): Line[][] {
  const out: Line[][] = [];
  let current: Line[] = [];
  const physical = text.split(/\r?\n/);
  const logical: { no: number; text: string }[] = [];
  physical.forEach((raw, i) => {
    if (raw.startsWith(' ') && logical.length > 0) logical[logical.length - 1].text += raw.slice(1);
    else logical.push({ no: i + 1, text: raw });
  });
  for (const { no, text: l } of logical) {
    if (l === '') {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    if (l.startsWith('#')) continue;
    if (l === '-') {
      current.push({ no, name: '-', value: '' });
      continue;
    }
    const m = /^([A-Za-z0-9;.-]+):(:?)(<?) *(.*)$/.exec(l);
    if (!m) {
      problems.push(`line ${no}: not an LDIF line: ${JSON.stringify(l.slice(0, 60))}`);
      continue;
    }
    if (m[3]) {
      problems.push(`line ${no}: URL values are not supported`);
      continue;
    }
    const value = m[2] ? Buffer.from(m[4].trim(), 'base64').toString('utf8') : m[4];
    current.push({ no, name: m[1], value });
  }
  if (current.length > 0) out.push(current);
  if (out.length > 0 && out[0].length === 1 && out[0][0].name.toLowerCase() === 'version') out.shift();
  else if (out.length > 0 && out[0][0].name.toLowerCase() === 'version') out[0] = out[0].slice(1);
  return out;
}

function entryOf(dn: string, lines: readonly Line[]): Entry {
  const e: Entry = { dn, attrs: new Map() };
  for (const l of lines) addValue(e, l.name, l.value);
  return e;
}

function addValue(e: Entry, name: string, value: string): boolean {
  const key = name.toLowerCase();
  const a = e.attrs.get(key) ?? { name, values: [] };
  e.attrs.set(key, a);
  if (a.values.includes(value)) return false;
  a.values.push(value);
  return true;
}

/** True when the entry still holds every value of its RDN (compared as the naming attributes compare). */
function holdsRdn(e: Entry): boolean {
  return parseDn(e.dn)[0].every((ava) => (e.attrs.get(ava.type.toLowerCase())?.values ?? []).some((v) => foldValue(v) === foldValue(ava.value)));
}

/** Entries by DN key, with a count of children per parent key (so a subtree is only walked when it exists). */
class EntryTree {
  readonly entries = new Map<string, Entry>();
  private readonly children = new Map<string, number>();

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  hasChildren(key: string): boolean {
    return (this.children.get(key) ?? 0) > 0;
  }

  set(key: string, e: Entry): void {
    this.entries.set(key, e);
    const parent = parentKey(key);
    this.children.set(parent, (this.children.get(parent) ?? 0) + 1);
  }

  delete(key: string): void {
    if (!this.entries.delete(key)) return;
    const parent = parentKey(key);
    this.children.set(parent, (this.children.get(parent) ?? 1) - 1);
  }
}

/** The key of the parent, from a DN key (the first comma of a key ends its first RDN). */
function parentKey(key: string): string {
  return key.slice(key.indexOf(',') + 1);
}

/** Replays the LDIF text; `name` labels the result. */
export function replayLdif(name: string, text: string): ActualTarget {
  const problems: string[] = [];
  const entries = new EntryTree();
  for (const rec of records(text, problems)) {
    const at = `line ${rec[0].no}`;
    if (rec[0].name.toLowerCase() !== 'dn') {
      problems.push(`${at}: a record without dn`);
      continue;
    }
    const dn = rec[0].value;
    let key: string;
    try {
      key = canonicalDn(dn);
    } catch (err) {
      problems.push(`${at}: ${(err as Error).message}`);
      continue;
    }
    const body = rec.slice(1).filter((l) => l.name.toLowerCase() !== 'control');
    const change = body[0]?.name.toLowerCase() === 'changetype' ? body[0].value.trim().toLowerCase() : 'add';
    const lines = body[0]?.name.toLowerCase() === 'changetype' ? body.slice(1) : body;
    const existing = entries.get(key);
    const refuse = (why: string) => problems.push(`${at}: ${change} ${dn}: ${why}`);
    if (change === 'add') {
      if (existing) refuse('the entry exists already');
      else {
        const e = entryOf(dn, lines);
        if (!holdsRdn(e)) refuse('the entry lacks the value it is named by');
        entries.set(key, e);
      }
    } else if (change === 'delete') {
      if (!existing) refuse('no such entry');
      else if (entries.hasChildren(key)) refuse('the entry has children');
      else entries.delete(key);
    } else if (change === 'modify') {
      if (!existing) refuse('no such entry');
      else modify(existing, lines, refuse);
    } else if (change === 'moddn' || change === 'modrdn') {
      if (!existing) refuse('no such entry');
      else moveEntry(entries, key, existing, lines, refuse);
    } else {
      refuse('unknown changetype');
    }
  }
  const out: ActualEntry[] = [...entries.entries.values()].map((e) => ({ dn: e.dn, attributes: Object.fromEntries([...e.attrs.values()].map((a) => [a.name, a.values])) }));
  return { name, entries: out, problems };
}

function modify(e: Entry, lines: readonly Line[], refuse: (why: string) => void): void {
  let i = 0;
  while (i < lines.length) {
    const op = lines[i].name.toLowerCase();
    const attr = lines[i].value.trim();
    const key = attr.toLowerCase();
    const values: string[] = [];
    for (i++; i < lines.length && lines[i].name !== '-'; i++) {
      if (lines[i].name.toLowerCase() !== key) refuse(`line ${lines[i].no}: ${lines[i].name} inside the ${op} of ${attr}`);
      values.push(lines[i].value);
    }
    i++;
    const current = e.attrs.get(key);
    if (op === 'add') {
      for (const v of values) if (!addValue(e, attr, v)) refuse(`${attr}: value ${JSON.stringify(v)} exists already`);
    } else if (op === 'replace') {
      if (values.length === 0) e.attrs.delete(key);
      else e.attrs.set(key, { name: current?.name ?? attr, values: [...new Set(values)] });
    } else if (op === 'delete') {
      if (!current) refuse(`${attr}: no such attribute`);
      else if (values.length === 0) e.attrs.delete(key);
      else {
        for (const v of values) {
          if (!current.values.includes(v)) refuse(`${attr}: no such value ${JSON.stringify(v)}`);
          current.values = current.values.filter((x) => x !== v);
        }
        if (current.values.length === 0) e.attrs.delete(key);
      }
    } else {
      refuse(`unknown modify operation ${op}`);
    }
  }
  if (!holdsRdn(e)) refuse('the modify removes the value the entry is named by (notAllowedOnRDN)');
}

function moveEntry(entries: EntryTree, key: string, e: Entry, lines: readonly Line[], refuse: (why: string) => void): void {
  const get = (n: string) => lines.find((l) => l.name.toLowerCase() === n)?.value;
  const newRdnText = get('newrdn');
  if (newRdnText === undefined) {
    refuse('no newrdn');
    return;
  }
  const superior = get('newsuperior');
  const oldRdns = parseDn(e.dn);
  const newRdn = parseDn(newRdnText)[0];
  const newDn = formatDn([newRdn, ...(superior !== undefined ? parseDn(superior) : oldRdns.slice(1))]);
  const newKey = canonicalDn(newDn);
  if (newKey !== key && entries.has(newKey)) {
    refuse(`the new DN ${newDn} is taken`);
    return;
  }
  if (get('deleteoldrdn')?.trim() === '1') {
    for (const ava of oldRdns[0]) {
      const a = e.attrs.get(ava.type.toLowerCase());
      if (!a) continue;
      a.values = a.values.filter((v) => foldValue(v) !== foldValue(ava.value));
      if (a.values.length === 0) e.attrs.delete(ava.type.toLowerCase());
    }
  }
  for (const ava of newRdn) {
    const a = e.attrs.get(ava.type.toLowerCase());
    if (!a?.values.some((v) => foldValue(v) === foldValue(ava.value))) addValue(e, ava.type, ava.value);
  }
  // Entries below move with it (a subtree rename).
  for (const [k, child] of entries.hasChildren(key) ? [...entries.entries] : []) {
    if (!k.endsWith(`,${key}`)) continue;
    entries.delete(k);
    const rdns = parseDn(child.dn);
    child.dn = formatDn([...rdns.slice(0, rdns.length - oldRdns.length), ...parseDn(newDn)]);
    entries.set(canonicalDn(child.dn), child);
  }
  entries.delete(key);
  e.dn = newDn;
  entries.set(newKey, e);
}
