// The complete object set of a CSV or JSON export file: loaded, changed in memory, written back whole.
import { stat } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { ImportedObject } from '../contract.ts';
import { DN_ANCHOR, type FileSettings } from './config.ts';
import { joinCell, readCsvHeader } from './csv-source.ts';
import { dnKey } from './dn.ts';
import { writeFileAtomic, type WrittenFile } from './atomic-write.ts';
import { statStamp } from './export-journal.ts';
import { attributeValues, mapRecord } from './record-mapper.ts';
import { readRecords } from './source.ts';
import { valueToJsonText, valueToText } from './value-codec.ts';

/** Objects by anchor, with a DN index, the CSV column order to keep, and each object's written text. */
export class ObjectSet {
  readonly byAnchor = new Map<string, ImportedObject>();
  private readonly byDn = new Map<string, string>();
  columns: string[] = [];
  // Objects are never changed in place (an update makes a new object), so their text can be kept by identity:
  // rewriting the file after a small batch then only serializes what the batch touched.
  private texts = new WeakMap<ImportedObject, string>();
  private layout = '';

  /** The text of an object in a given layout (CSV columns or JSON), made by `serialize` once per object. */
  textOf(object: ImportedObject, layout: string, serialize: (object: ImportedObject) => string): string {
    if (layout !== this.layout) {
      this.layout = layout;
      this.texts = new WeakMap();
    }
    let text = this.texts.get(object);
    if (text === undefined) {
      text = serialize(object);
      this.texts.set(object, text);
    }
    return text;
  }

  constructor(private readonly dnIsAnchor: boolean) {}

  /** Comparison key of an anchor (DN anchors compare case-insensitively). */
  key(anchor: string): string {
    return this.dnIsAnchor ? dnKey(anchor) : anchor;
  }

  get(anchor: string): ImportedObject | undefined {
    return this.byAnchor.get(this.key(anchor));
  }

  /** The anchor of the object at `dn`, if any. */
  anchorOfDn(dn: string): string | undefined {
    const k = this.byDn.get(dnKey(dn));
    return k === undefined ? undefined : this.byAnchor.get(k)?.anchor;
  }

  set(object: ImportedObject): void {
    const k = this.key(object.anchor);
    const old = this.byAnchor.get(k);
    if (old) this.byDn.delete(dnKey(old.dn));
    this.byAnchor.set(k, object);
    this.byDn.set(dnKey(object.dn), k);
  }

  delete(anchor: string): void {
    const k = this.key(anchor);
    const old = this.byAnchor.get(k);
    if (!old) return;
    this.byAnchor.delete(k);
    this.byDn.delete(dnKey(old.dn));
  }
}

/** File identity used to notice that someone else changed the export file since it was loaded. */
export async function fileStamp(path: string): Promise<string> {
  const s = await stat(path).catch(() => undefined);
  return s ? statStamp(s) : 'absent';
}

/** Loads the export file; refuses (throws) when it has unreadable records, since rewriting would drop them. */
export async function loadObjectSet(settings: FileSettings): Promise<ObjectSet> {
  const path = settings.exportPath;
  const set = new ObjectSet(settings.anchor === DN_ANCHOR);
  if ((await fileStamp(path)) === 'absent') return set;
  if (settings.config.format === 'csv') set.columns = await readCsvHeader(path, settings);
  for await (const items of readRecords(path, settings)) {
    for (const item of items) {
      if (item.kind === 'problem') throw new Error(`cannot update ${path}: ${item.message}`);
      const mapped = mapRecord(item, settings, path);
      if ('problem' in mapped) throw new Error(`cannot update ${path}: ${mapped.problem.message}`);
      if (set.get(mapped.object.anchor)) throw new Error(`cannot update ${path}: anchor ${mapped.object.anchor} appears twice`);
      set.set(mapped.object);
    }
  }
  return set;
}

/** Writes the whole set to the export file atomically, in the configured format; see `writeFileAtomic` for `beforeRename`. */
export async function writeObjectSet(settings: FileSettings, set: ObjectSet, beforeRename?: (written: WrittenFile) => Promise<void>): Promise<void> {
  const writeDn = !settings.config.dnTemplate;
  if (settings.config.format === 'json') {
    const toJson = (object: ImportedObject): string => {
      const members: string[] = [];
      if (writeDn) members.push(`${JSON.stringify(settings.config.dnAttribute)}:${JSON.stringify(object.dn)}`);
      for (const [name, values] of Object.entries(object.attributes)) {
        if (!values.length || (writeDn && name === settings.config.dnAttribute)) continue;
        const multi = settings.spec(name)?.multiValued || values.length > 1;
        members.push(`${JSON.stringify(name)}:${multi ? `[${values.map(valueToJsonText).join(',')}]` : valueToJsonText(values[0])}`);
      }
      return `{${members.join(',')}}`;
    };
    await writeFileAtomic(settings.exportPath, async (write) => {
      let first = true;
      await write('[');
      for (const object of set.byAnchor.values()) {
        await write((first ? '\n' : ',\n') + set.textOf(object, 'json', toJson));
        first = false;
      }
      await write('\n]\n');
    }, beforeRename);
    return;
  }
  const columns = csvColumns(settings, set, writeDn);
  set.columns = columns;
  const options = { delimiter: settings.config.delimiter };
  const toRow = (object: ImportedObject): string =>
    stringify([columns.map((c) => (c === settings.config.dnAttribute && writeDn ? object.dn : cell(settings, object, c)))], options);
  const layout = columns.join('\0');
  await writeFileAtomic(settings.exportPath, async (write) => {
    await write(stringify([columns], options));
    for (const object of set.byAnchor.values()) await write(set.textOf(object, layout, toRow));
  }, beforeRename);
}

function csvColumns(settings: FileSettings, set: ObjectSet, writeDn: boolean): string[] {
  const columns = [...set.columns];
  const known = new Set(columns.map((c) => c.toLowerCase()));
  const add = (c: string): void => {
    if (!known.has(c.toLowerCase())) {
      known.add(c.toLowerCase());
      columns.push(c);
    }
  };
  if (writeDn) add(settings.config.dnAttribute);
  for (const object of set.byAnchor.values()) for (const name of Object.keys(object.attributes)) add(name);
  return columns;
}

function cell(settings: FileSettings, object: ImportedObject, column: string): string {
  const values = attributeValues(object.attributes, column);
  if (!values?.length) return '';
  const spec = settings.spec(column);
  return !spec?.multiValued && values.length === 1 ? valueToText(values[0]) : joinCell(values.map(valueToText), spec?.separator ?? settings.config.multiValueSeparator);
}
