// The directory extensions (extensionProperty definitions) of the connector's extension application: read,
// registered and removed through `/applications(appId='…')/extensionProperties`, with errors that say what to do.
import type { ExtensionAppConfig } from './config.ts';
import { graphErrorInfo, type GraphSession } from './graph-session.ts';
import type { EntraObjectType } from './graph-schema.ts';

export type ExtensionDataType = 'Binary' | 'Boolean' | 'DateTime' | 'Integer' | 'LargeInteger' | 'String';
export type ExtensionTarget = 'User' | 'Group';

/** One directory extension definition. */
export interface ExtensionProperty {
  readonly id: string;
  /** The property name on users and groups: `extension_<appId without dashes>_<name>`. */
  readonly name: string;
  /** The name it was registered with. */
  readonly shortName: string;
  readonly dataType: ExtensionDataType;
  readonly isMultiValued: boolean;
  readonly targetObjects: readonly string[];
  readonly isSyncedFromOnPremises: boolean;
}

export interface ExtensionApplication {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
}

export interface NewExtension {
  readonly name: string;
  readonly dataType: ExtensionDataType;
  readonly isMultiValued?: boolean;
  readonly targetObjects: readonly ExtensionTarget[];
}

export const DATA_TYPES: readonly ExtensionDataType[] = ['String', 'Integer', 'LargeInteger', 'Boolean', 'DateTime', 'Binary'];
/** A definition's full name is an OData identifier of at most 128 characters; the prefix takes 43 of them. */
const MAX_NAME = 85;
const TARGET: Record<'user' | 'group', ExtensionTarget> = { user: 'User', group: 'Group' };

/** The `extension_<appId without dashes>_` prefix of an application's extensions. */
export function extensionPrefix(appId: string): string {
  return `extension_${appId.replace(/-/g, '').toLowerCase()}_`;
}

/** An attribute name in the directory extension namespace. */
export function isExtensionAttribute(name: string): boolean {
  return /^extension_/i.test(name);
}

/** The definition of an extension attribute on an object type, if registered for it. */
export function definitionFor(defs: readonly ExtensionProperty[], type: EntraObjectType, attribute: string): ExtensionProperty | undefined {
  const target = type === 'user' || type === 'group' ? TARGET[type] : undefined;
  const lower = attribute.toLowerCase();
  return target ? defs.find((d) => d.name.toLowerCase() === lower && d.targetObjects.includes(target)) : undefined;
}

/** The definitions that extend an object type. */
export function definitionsOf(defs: readonly ExtensionProperty[], type: EntraObjectType): ExtensionProperty[] {
  const target = type === 'user' || type === 'group' ? TARGET[type] : undefined;
  return target ? defs.filter((d) => d.targetObjects.includes(target)) : [];
}

/**
 * The name to register for an attribute: Entra Connect registers AD attribute names with `-` turned into `_`
 * (`msDS-cloudExtensionAttribute1` → `msDS_cloudExtensionAttribute1`); a full `extension_…` name gives its tail.
 */
export function extensionShortName(name: string, appId: string): string {
  const prefix = extensionPrefix(appId);
  const tail = name.toLowerCase().startsWith(prefix) ? name.slice(prefix.length) : name;
  return tail.trim().replace(/-/g, '_');
}

/** Why Graph would refuse a name, or undefined. */
export function nameProblem(shortName: string): string | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(shortName)) return `'${shortName}' is not a valid directory extension name: use letters, digits and underscores`;
  if (shortName.length > MAX_NAME) return `'${shortName}' is ${shortName.length} characters long; a directory extension name has at most ${MAX_NAME}`;
  return undefined;
}

type RawDefinition = Omit<ExtensionProperty, 'shortName'>;

/** Reads and changes the extension application's definitions. */
export class DirectoryExtensions {
  readonly prefix: string;
  private readonly base: string;

  constructor(private readonly session: GraphSession, readonly app: ExtensionAppConfig) {
    this.prefix = extensionPrefix(app.appId);
    this.base = `/applications(appId='${app.appId}')`;
  }

  /** The extension application object (id, appId, display name). */
  async application(): Promise<ExtensionApplication> {
    return this.guard('read the extension application', () => this.session.get<ExtensionApplication>(`${this.base}?$select=id,appId,displayName`));
  }

  /** Every definition of the application. */
  async list(): Promise<ExtensionProperty[]> {
    const reply = await this.guard('read the directory extensions', () => this.session.get<{ value?: RawDefinition[] }>(`${this.base}/extensionProperties`));
    return (reply.value ?? []).map((d) => this.withShortName(d));
  }

  /** Registers a definition; the name may be an AD attribute name (`-` becomes `_`) or the full `extension_…` name. */
  async add(input: NewExtension): Promise<ExtensionProperty> {
    const name = extensionShortName(input.name, this.app.appId);
    const problem = nameProblem(name);
    if (problem) throw new Error(problem);
    if (input.targetObjects.length === 0) throw new Error(`Directory extension ${name}: give the object types it extends (User, Group)`);
    const body = { name, dataType: input.dataType, isMultiValued: input.isMultiValued ?? false, targetObjects: [...new Set(input.targetObjects)] };
    const created = await this.guard(`register the directory extension ${this.prefix}${name}`, () => this.session.post<RawDefinition>(`${this.base}/extensionProperties`, body));
    return this.withShortName(created);
  }

  /** Deletes a definition by short or full name; its values stay on the objects, hidden until it is registered again. */
  async remove(name: string): Promise<ExtensionProperty> {
    const short = extensionShortName(name, this.app.appId).toLowerCase();
    const def = (await this.list()).find((d) => d.shortName.toLowerCase() === short);
    if (!def) throw new Error(`No directory extension ${this.prefix}${extensionShortName(name, this.app.appId)} on application ${this.app.appId}`);
    await this.guard(`delete the directory extension ${def.name}`, () => this.session.delete(`${this.base}/extensionProperties/${def.id}`),
      'it was deleted meanwhile');
    return def;
  }

  private withShortName(d: RawDefinition): ExtensionProperty {
    const short = d.name.toLowerCase().startsWith(this.prefix) ? d.name.slice(this.prefix.length) : d.name;
    return {
      id: d.id, name: d.name, shortName: short, dataType: d.dataType, isMultiValued: d.isMultiValued === true,
      targetObjects: d.targetObjects ?? [], isSyncedFromOnPremises: d.isSyncedFromOnPremises === true,
    };
  }

  /** Graph's refusals, worded for the administrator who must act on them. */
  private async guard<T>(what: string, call: () => Promise<T>,
    notFound = `no application with appId ${this.app.appId} in the tenant; check extensionApp.appId (the Application (client) ID of the app registration)`): Promise<T> {
    try {
      return await call();
    } catch (e) {
      const info = graphErrorInfo(e);
      if (!info) throw e;
      const graph = `(Graph ${info.status} ${info.code}: ${info.message})`;
      if (info.status === 403) {
        throw new Error(`Cannot ${what}: the app lacks the permission. Reading needs Application.Read.All or Directory.Read.All; registering and deleting need Application.ReadWrite.OwnedBy (with the IdSync app an owner of application ${this.app.appId}) or Application.ReadWrite.All, with admin consent ${graph}`);
      }
      if (info.status === 404) throw new Error(`Cannot ${what}: ${notFound} ${graph}`);
      if (info.code === 'Request_MultipleObjectsWithSameKeyValue') throw new Error(`Cannot ${what}: it is registered already ${graph}`);
      throw new Error(`Cannot ${what} ${graph}`);
    }
  }
}
