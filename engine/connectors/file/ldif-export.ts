// Turns exported changes into LDIF change records for the export file, in an order a directory accepts:
// a rename (moddn) comes before the modify of the same entry, and the modify never removes the value the
// entry is named by.
import type { AttributeChange, ExportChange, ExportResult } from '../contract.ts';
import { DN_ANCHOR, type FileSettings } from './config.ts';
import { foldValue, isValidDn, parentDn, parseDn, rdnText, sameSpelling } from './dn.ts';
import { formatLdifRecord, type LdifOutAttribute } from './ldif-writer.ts';
import { valueToLdif, valueToText } from './value-codec.ts';

/** The records of one change and the result to report once they are written. */
export interface LdifPart {
  readonly text: string;
  readonly result: ExportResult;
}

/** Change records for one exported change, or an error result when it cannot be written. */
export function ldifForChange(settings: FileSettings, change: ExportChange): LdifPart {
  const fail = (code: string, message: string): LdifPart => ({ text: '', result: { csId: change.csId, ok: false, error: { code, message } } });
  if (!isDn(change.dn)) return fail('invalid-dn', `"${change.dn}" is not a DN`);
  // The anchor the next import will give the object: its DN as this file spells it, or the anchor attribute.
  const anchorFor = (dn: string, renamed: boolean): string | undefined => {
    if (settings.anchor === DN_ANCHOR) return renamed || change.anchor === null ? dn : change.anchor;
    const set = change.changes.find((c) => c.op !== 'delete' && c.attribute.toLowerCase() === settings.anchor.toLowerCase() && c.values.length === 1);
    return set ? valueToText(set.values[0]) : (change.anchor ?? undefined);
  };
  if (change.op === 'delete') {
    return { text: formatLdifRecord({ kind: 'delete', dn: change.dn }), result: { csId: change.csId, ok: true } };
  }
  if (change.op === 'add') {
    const dn = change.newDn ?? change.dn;
    if (!isDn(dn)) return fail('invalid-dn', `"${dn}" is not a DN`);
    // Values go straight into the text: a group's member list is not copied into a list of lines first.
    function* attributes(): Generator<LdifOutAttribute> {
      const typeAttr = settings.objectTypeAttribute;
      if (typeAttr && !change.changes.some((c) => c.attribute.toLowerCase() === typeAttr.toLowerCase())) yield { name: typeAttr, value: change.objectType };
      for (const c of change.changes) {
        if (c.op === 'delete') continue;
        for (const v of c.values) yield { name: c.attribute, value: valueToLdif(v) };
      }
    }
    return { text: formatLdifRecord({ kind: 'add', dn, attributes: attributes() }), result: { csId: change.csId, ok: true, anchor: anchorFor(dn, true), dn } };
  }
  let text = '';
  let dn = change.dn;
  let changes = change.changes;
  const renamed = change.newDn !== undefined && !sameSpelling(change.newDn, change.dn);
  if (renamed) {
    if (!isDn(change.newDn!)) return fail('invalid-dn', `"${change.newDn}" is not a DN`);
    const newRdn = rdnText(change.newDn!);
    // newsuperior is always written, even when the parent stays: the entry then gets exactly the DN text the
    // export result reports, whatever spelling the file used for the parent so far.
    const newSuperior = parentDn(change.newDn!);
    const kept = keepNamingValues(changes, namingValues(newRdn), namingValues(rdnText(change.dn)));
    if ('conflict' in kept) return fail('modify-naming-attribute', `the change would remove ${kept.conflict}, which the new DN ${change.newDn} is named by`);
    changes = kept.changes;
    text += formatLdifRecord({ kind: 'moddn', dn: change.dn, newRdn, deleteOldRdn: true, ...(newSuperior ? { newSuperior } : {}) });
    dn = newSuperior ? `${newRdn},${newSuperior}` : newRdn;
  }
  if (changes.length) {
    const modifications = changes.map((c) => ({ op: c.op, attribute: c.attribute, values: c.values.map(valueToLdif) }));
    text += formatLdifRecord({ kind: 'modify', dn, modifications });
  }
  return { text, result: { csId: change.csId, ok: true, anchor: anchorFor(dn, renamed), dn } };
}

function isDn(text: string): boolean {
  return text.trim() !== '' && isValidDn(text);
}

/** Attribute (lower case) → folded values an RDN names. */
function namingValues(rdn: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const ava of parseDn(rdn)[0] ?? []) {
    const type = ava.type.toLowerCase();
    if (!out.has(type)) out.set(type, new Set());
    out.get(type)!.add(foldValue(ava.value));
  }
  return out;
}

/**
 * The modifications to write after a rename with deleteoldrdn: values the rename already removed (old RDN) or
 * added (new RDN) are left out, since a directory refuses deleting an absent value or adding a present one; a
 * modification that would leave the entry without the value it is now named by is a conflict.
 */
function keepNamingValues(changes: readonly AttributeChange[], naming: Map<string, Set<string>>, old: Map<string, Set<string>>): { changes: AttributeChange[] } | { conflict: string } {
  const out: AttributeChange[] = [];
  for (const c of changes) {
    const type = c.attribute.toLowerCase();
    const named = naming.get(type);
    const oldNamed = old.get(type);
    const folded = (v: (typeof c.values)[number]): string => foldValue(valueToText(v));
    if (!named && !oldNamed) {
      out.push(c);
      continue;
    }
    if (c.op === 'replace') {
      const kept = new Set(c.values.map(folded));
      const missing = [...(named ?? [])].find((v) => !kept.has(v));
      if (missing !== undefined) return { conflict: `${c.attribute} value "${missing}"` };
      out.push(c);
    } else if (c.op === 'add') {
      const values = c.values.filter((v) => !named?.has(folded(v)));
      if (values.length) out.push({ ...c, values });
    } else {
      if (!c.values.length && named) return { conflict: `every ${c.attribute} value` };
      const hit = c.values.find((v) => named?.has(folded(v)));
      if (hit !== undefined) return { conflict: `${c.attribute} value "${valueToText(hit)}"` };
      const values = c.values.filter((v) => !oldNamed?.has(folded(v)));
      if (values.length || !c.values.length) out.push({ ...c, values });
    }
  }
  return { changes: out };
}
