// Application objects and the directory extensions registered on them (extensionProperty): definitions,
// their full names `extension_{appId without dashes}_{name}`, and which object types each one extends.
import { randomUUID } from 'node:crypto';
import { GraphFault, badRequest, notFound } from './graph-fault.ts';
import type { ObjectKind, Props } from './directory.ts';

export type ExtensionDataType = 'Binary' | 'Boolean' | 'DateTime' | 'Integer' | 'LargeInteger' | 'String';

export interface ExtensionDefinition {
  readonly id: string;
  /** The full name: `extension_{appId without dashes}_{name}`. */
  readonly name: string;
  readonly dataType: ExtensionDataType;
  readonly isMultiValued: boolean;
  readonly targetObjects: readonly string[];
  readonly isSyncedFromOnPremises: boolean;
  readonly appId: string;
}

export interface Application {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
  readonly createdDateTime: string;
  /** Client ids of the apps whose service principals own this application (Application.ReadWrite.OwnedBy). */
  readonly owners: Set<string>;
  readonly extensions: Map<string, ExtensionDefinition>;
}

export interface NewApplication {
  readonly displayName: string;
  readonly appId?: string;
  readonly owners?: readonly string[];
}

/** extensionProperty `dataType` values (`resources/extensionproperty.md`). */
export const DATA_TYPES: readonly ExtensionDataType[] = ['Binary', 'Boolean', 'DateTime', 'Integer', 'LargeInteger', 'String'];
/** extensionProperty `targetObjects` values, PascalCase as the documentation demands. */
export const TARGET_OBJECTS = ['User', 'Group', 'AdministrativeUnit', 'Application', 'Device', 'Organization'] as const;
const TARGET_OF: Partial<Record<ObjectKind, string>> = { user: 'User', group: 'Group' };
const WRITABLE = new Set(['name', 'dataType', 'isMultiValued', 'targetObjects']);
const READ_ONLY = new Set(['id', 'appDisplayName', 'isSyncedFromOnPremises', 'deletedDateTime']);
/**
 * OData SimpleIdentifier (CSDL): a declared property name is at most 128 letters, digits and underscores. The full
 * name adds `extension_`, 32 hex digits and `_` (43 characters) to the name given.
 */
const MAX_NAME = 128 - 43;
const NAME = /^[A-Za-z0-9_]+$/;

function invalid(property: string): GraphFault {
  return badRequest(`Invalid value specified for property '${property}' of resource 'ExtensionProperty'.`);
}

/** The JSON of a definition as Graph returns it. */
export function definitionJson(app: Application, def: ExtensionDefinition): Record<string, unknown> {
  return {
    id: def.id, deletedDateTime: null, appDisplayName: app.displayName, dataType: def.dataType, isMultiValued: def.isMultiValued,
    isSyncedFromOnPremises: def.isSyncedFromOnPremises, name: def.name, targetObjects: [...def.targetObjects],
  };
}

/** The application objects of the tenant and the directory extensions they define. */
export class ApplicationRegistry {
  readonly apps = new Map<string, Application>();
  /** Full extension name (lower case) → definition, across all applications. */
  private readonly byName = new Map<string, ExtensionDefinition>();

  /** Creates an application object; returns it. */
  add(input: NewApplication): Application {
    const app: Application = {
      id: randomUUID(), appId: input.appId ?? randomUUID(), displayName: input.displayName, createdDateTime: new Date().toISOString(),
      owners: new Set(input.owners ?? []), extensions: new Map(),
    };
    this.apps.set(app.id, app);
    return app;
  }

  /** An application by object id, or by `appId` for the `applications(appId='…')` address; 404 otherwise. */
  find(key: { id: string } | { appId: string }): Application {
    const found = 'id' in key ? this.apps.get(key.id) : [...this.apps.values()].find((a) => a.appId.toLowerCase() === key.appId.toLowerCase());
    if (!found) throw notFound('id' in key ? key.id : key.appId);
    return found;
  }

  /** Registers a directory extension from a create request body, as Graph validates it. */
  create(app: Application, body: Props, syncedFromOnPremises = false): ExtensionDefinition {
    for (const key of Object.keys(body)) {
      if (READ_ONLY.has(key)) throw badRequest(`Property '${key}' is read-only and cannot be set.`);
      if (!WRITABLE.has(key)) throw badRequest(`Property '${key}' does not exist as a declared property or extension property.`);
    }
    const { name, dataType, isMultiValued, targetObjects } = body;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME || !NAME.test(name)) throw invalid('name');
    if (typeof dataType !== 'string' || !(DATA_TYPES as readonly string[]).includes(dataType)) throw invalid('dataType');
    if (isMultiValued !== undefined && typeof isMultiValued !== 'boolean') throw invalid('isMultiValued');
    if (!Array.isArray(targetObjects) || targetObjects.length === 0 || targetObjects.some((t) => !(TARGET_OBJECTS as readonly unknown[]).includes(t))) {
      throw invalid('targetObjects');
    }
    const full = `extension_${app.appId.replace(/-/g, '').toLowerCase()}_${name}`;
    if (this.byName.has(full.toLowerCase())) {
      throw new GraphFault(409, 'Request_MultipleObjectsWithSameKeyValue', `An extension property exists with the name ${full}.`);
    }
    const def: ExtensionDefinition = {
      id: randomUUID(), name: full, dataType: dataType as ExtensionDataType, isMultiValued: isMultiValued === true,
      targetObjects: [...new Set(targetObjects as string[])], isSyncedFromOnPremises: syncedFromOnPremises, appId: app.appId,
    };
    app.extensions.set(def.id, def);
    this.byName.set(full.toLowerCase(), def);
    return def;
  }

  /** Deletes a definition; values already written stay on the objects, hidden until one of the same name returns. */
  remove(app: Application, id: string): void {
    const def = app.extensions.get(id);
    if (!def) throw notFound(id);
    if (def.isSyncedFromOnPremises) {
      throw badRequest('Only directory extensions that are not synchronized from on-premises Active Directory can be deleted.');
    }
    app.extensions.delete(id);
    this.byName.delete(def.name.toLowerCase());
  }

  /** The definition of an extension property usable on an object kind, if one is registered. */
  definitionFor(kind: ObjectKind, property: string): ExtensionDefinition | undefined {
    const def = this.byName.get(property.toLowerCase());
    const target = TARGET_OF[kind];
    return def && target && def.targetObjects.includes(target) ? def : undefined;
  }
}

/** True for names in the directory extension namespace. */
export function isExtensionName(property: string): boolean {
  return /^extension_/i.test(property);
}
