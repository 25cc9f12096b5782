// Registration on first use (extensionApp.createMissing): the directory extensions an export batch writes that are
// not registered yet are registered once, before the batch is planned, for the object types that need them.
import type { AttributeValue } from '../../model/values.ts';
import type { ConnectorContext, ExportChange } from '../contract.ts';
import { definitionFor, extensionShortName, isExtensionAttribute, type DirectoryExtensions, type ExtensionProperty, type ExtensionTarget } from './directory-extensions.ts';
import { dataTypeOf } from './extension-values.ts';

interface Needed {
  readonly shortName: string;
  readonly targets: Set<ExtensionTarget>;
  readonly values: AttributeValue[];
  multiValued: boolean;
}

export interface RegistrationOutcome {
  readonly definitions: ExtensionProperty[];
  /** Full name (lower case) → why it could not be registered. */
  readonly failures: Map<string, string>;
}

/** The unregistered extension attributes of the batch that belong to the extension application. */
function neededBy(batch: readonly ExportChange[], defs: readonly ExtensionProperty[], admin: DirectoryExtensions): Map<string, Needed> {
  const needed = new Map<string, Needed>();
  for (const change of batch) {
    const type = change.objectType;
    if ((type !== 'user' && type !== 'group') || change.op === 'delete') continue;
    for (const c of change.changes) {
      if (!isExtensionAttribute(c.attribute) || c.op === 'delete' || c.values.length === 0) continue;
      const key = c.attribute.toLowerCase();
      // Another application's extension, or one registered for other types (definitions cannot be changed).
      if (!key.startsWith(admin.prefix) || definitionFor(defs, type, c.attribute) || defs.some((d) => d.name.toLowerCase() === key)) continue;
      const entry = needed.get(key) ?? { shortName: extensionShortName(c.attribute, admin.app.appId), targets: new Set<ExtensionTarget>(), values: [], multiValued: false };
      entry.targets.add(type === 'user' ? 'User' : 'Group');
      entry.values.push(...c.values);
      entry.multiValued ||= c.values.length > 1;
      needed.set(key, entry);
    }
  }
  return needed;
}

/** Registers what the batch needs; returns the definitions afterwards and the names that failed, with why. */
export async function registerMissing(batch: readonly ExportChange[], defs: readonly ExtensionProperty[], admin: DirectoryExtensions,
  ctx: ConnectorContext): Promise<RegistrationOutcome> {
  const definitions = [...defs];
  const failures = new Map<string, string>();
  for (const [key, need] of neededBy(batch, defs, admin)) {
    const dataType = dataTypeOf(need.values);
    if (!dataType) {
      failures.set(key, `${admin.prefix}${need.shortName} cannot be registered from reference values; flow text or another value type to it`);
      continue;
    }
    try {
      const created = await admin.add({ name: need.shortName, dataType, isMultiValued: need.multiValued, targetObjects: [...need.targets] });
      definitions.push(created);
      ctx.log('info', `Registered the directory extension ${created.name} (${created.dataType}${created.isMultiValued ? ', multi-valued' : ''}, for ${created.targetObjects.join(', ')}) on first export`);
    } catch (e) {
      failures.set(key, (e as Error).message);
    }
  }
  return { definitions, failures };
}
