// Turns exported changes into LDIF change records appended to the export file.
import { open } from 'node:fs/promises';
import type { ExportChange, ExportResult } from '../contract.ts';
import { DN_ANCHOR, type FileSettings } from './config.ts';
import { dnKey, splitDn } from './dn.ts';
import { formatLdifRecord, type LdifOutAttribute } from './ldif-writer.ts';
import { valueToLdif, valueToText } from './value-codec.ts';

/** Change records for one exported change, or an error result when it cannot be written. */
export function ldifForChange(settings: FileSettings, change: ExportChange): { text: string; result: ExportResult } {
  const fail = (code: string, message: string): { text: string; result: ExportResult } => ({ text: '', result: { csId: change.csId, ok: false, error: { code, message } } });
  if (!change.dn.trim() || !splitDn(change.dn).rdn.includes('=')) return fail('invalid-dn', `"${change.dn}" is not a DN`);
  const anchorFor = (dn: string): string | undefined => {
    if (settings.anchor === DN_ANCHOR) return dn;
    if (change.anchor !== null) return change.anchor;
    const set = change.changes.find((c) => c.op !== 'delete' && c.attribute.toLowerCase() === settings.anchor.toLowerCase() && c.values.length === 1);
    return set ? valueToText(set.values[0]) : undefined;
  };
  if (change.op === 'delete') {
    return { text: formatLdifRecord({ kind: 'delete', dn: change.dn }), result: { csId: change.csId, ok: true } };
  }
  if (change.op === 'add') {
    const dn = change.newDn ?? change.dn;
    const attributes: LdifOutAttribute[] = [];
    const typeAttr = settings.objectTypeAttribute;
    if (typeAttr && !change.changes.some((c) => c.attribute.toLowerCase() === typeAttr.toLowerCase())) attributes.push({ name: typeAttr, value: change.objectType });
    for (const c of change.changes) {
      if (c.op === 'delete') continue;
      for (const v of c.values) attributes.push({ name: c.attribute, value: valueToLdif(v) });
    }
    return { text: formatLdifRecord({ kind: 'add', dn, attributes }), result: { csId: change.csId, ok: true, anchor: anchorFor(dn), dn } };
  }
  let text = '';
  if (change.changes.length) {
    const modifications = change.changes.map((c) => ({ op: c.op, attribute: c.attribute, values: c.values.map(valueToLdif) }));
    text += formatLdifRecord({ kind: 'modify', dn: change.dn, modifications });
  }
  let dn = change.dn;
  if (change.newDn && dnKey(change.newDn) !== dnKey(change.dn)) {
    const from = splitDn(change.dn);
    const to = splitDn(change.newDn);
    if (!to.rdn.includes('=')) return fail('invalid-dn', `"${change.newDn}" is not a DN`);
    const moved = dnKey(from.parent) !== dnKey(to.parent);
    text += formatLdifRecord({ kind: 'moddn', dn: change.dn, newRdn: to.rdn, deleteOldRdn: true, newSuperior: moved ? to.parent : undefined });
    dn = change.newDn;
  }
  return { text, result: { csId: change.csId, ok: true, anchor: anchorFor(dn), dn } };
}

/** Appends the records of a batch to the export file in one write, then fsyncs it. */
export async function appendLdif(path: string, text: string): Promise<void> {
  if (!text) return;
  const handle = await open(path, 'a');
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
