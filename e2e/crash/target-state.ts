// What a target holds after a campaign, as comparable lines, and how two of them differ: lost (what an
// uninterrupted run delivered and the crashed one did not), duplicated (delivered more often), unexpected
// (delivered only by the crashed one) and corrupt (unreadable records).
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Client } from 'ldapts';
import type { EntraEmulator } from '../env/entra-emulator/index.ts';

export interface TargetState {
  /** One line per delivered record or object. */
  readonly lines: readonly string[];
  /** Records that could not be read. */
  readonly corrupt: number;
}

export interface TargetDiff {
  readonly lost: number;
  readonly duplicated: number;
  readonly unexpected: number;
  readonly corrupt: number;
  /** A few of the differing lines, for the report. */
  readonly examples: readonly string[];
}

/** LDIF change records (unfolded), one line each; a record that is not `dn:` followed by attribute lines is corrupt. */
export function ldifState(file: string): TargetState {
  if (!fs.existsSync(file)) return { lines: [], corrupt: 0 };
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/\n /g, '');
  const blocks = text.split(/\n{2,}/).map((b) => b.trim()).filter((b) => b && !/^version:\s*1$/.test(b));
  let corrupt = 0;
  const lines: string[] = [];
  for (const block of blocks) {
    const rows = block.split('\n').filter((l) => !l.startsWith('#') && !/^version:/.test(l));
    if (!/^dn::? /.test(rows[0] ?? '') || rows.slice(1).some((l) => l !== '-' && !/^[A-Za-z][A-Za-z0-9;-]*(::?|:<) ?/.test(l))) corrupt++;
    else lines.push(rows.join(' | '));
  }
  if (text.length && !text.endsWith('\n')) corrupt++;
  return { lines, corrupt };
}

/** CSV rows as `column=value` lines (columns sorted); a file that does not parse is one corrupt record per read failure. */
export function csvState(file: string): TargetState {
  if (!fs.existsSync(file)) return { lines: [], corrupt: 0 };
  try {
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    return { lines: rows.map((r) => Object.keys(r).sort().map((k) => `${k}=${r[k]}`).join(' | ')), corrupt: 0 };
  } catch {
    return { lines: [], corrupt: 1 };
  }
}

/** Entries below `base` as `rdn | attr=values` lines. */
export async function ldapState(url: string, bindDn: string, password: string, base: string, attributes: readonly string[]): Promise<TargetState> {
  const client = new Client({ url });
  try {
    await client.bind(bindDn, password);
    const { searchEntries } = await client.search(base, { scope: 'one', filter: '(objectClass=inetOrgPerson)', attributes: [...attributes] });
    return {
      lines: searchEntries.map((e) => [e.dn.split(',')[0]!.toLowerCase(), ...attributes.map((a) => `${a}=${[e[a] ?? []].flat().map(String).sort().join(';')}`)].join(' | ')),
      corrupt: 0,
    };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Active users of an emulated tenant as `mailNickname | property=value` lines (the UPN without its domain). */
export function entraState(emu: EntraEmulator, properties: readonly string[]): TargetState {
  const users = emu.state.list('user').filter((u) => !u.deleted);
  return {
    lines: users.map((u) => [String(u.props.mailNickname), ...properties.map((p) => `${p}=${p === 'userPrincipalName' ? String(u.props[p]).split('@')[0] : String(u.props[p] ?? '')}`)].join(' | ')),
    corrupt: 0,
  };
}

/** How the crashed target differs from the reference, counting each line as many times as it occurs. */
export function diffStates(want: TargetState, got: TargetState): TargetDiff {
  const count = (lines: readonly string[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const w = count(want.lines);
  const g = count(got.lines);
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  const examples: string[] = [];
  for (const [line, n] of w) {
    const have = g.get(line) ?? 0;
    if (have < n) {
      lost += n - have;
      if (examples.length < 5) examples.push(`lost: ${line}`);
    }
    if (have > n) {
      duplicated += have - n;
      if (examples.length < 5) examples.push(`duplicated ×${have - n}: ${line}`);
    }
  }
  for (const [line, n] of g) {
    if (w.has(line)) continue;
    unexpected += n;
    if (examples.length < 5) examples.push(`unexpected: ${line}`);
  }
  return { lost, duplicated, unexpected, corrupt: got.corrupt, examples };
}
