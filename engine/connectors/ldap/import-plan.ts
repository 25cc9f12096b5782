// What an import searches: the bases (partitions or included containers), the filter for the object types in
// scope, the attributes to request, and which of them ldapts must hand back as bytes.
import type { Filter } from 'ldapts';
import type { ImportScope } from '../contract.ts';
import { anchorAttributeOf, defaultObjectTypes, type LdapConfig, type LdapObjectType } from './config.ts';
import { dnKey, isWithinDn } from '../../model/dn.ts';
import { and, eq, not, or, parseConfiguredFilter } from './filter.ts';
import type { RootDse } from './root-dse.ts';
import type { DirectorySchema } from './schema.ts';

export interface TypedFilter {
  readonly filter: Filter;
  /** The type of every entry the filter matches; undefined = by object classes. */
  readonly type?: LdapObjectType;
}

export interface ImportPlan {
  /** Search bases, grouped by partition. */
  readonly bases: readonly { readonly partition: string; readonly base: string }[];
  readonly partitions: readonly string[];
  /** Every included container as configured (empty = whole partitions). */
  readonly includeContainers: readonly string[];
  readonly excludeContainers: readonly string[];
  readonly objectTypes: readonly LdapObjectType[];
  /** Matches an entry of any object type in scope. */
  readonly filter: Filter;
  /**
   * The searches that deliver typed entries: one per object type when a type has its own LDAP filter (only the
   * server can evaluate it, e.g. AD's `objectCategory=person`), each excluding the types before it; else one
   * search whose entries are typed by their object classes.
   */
  readonly typedFilters: readonly TypedFilter[];
  readonly attributes: string[];
  /** Attribute names (server spelling, every alias) ldapts must return as Buffers. */
  readonly binaryAttributes: string[];
  readonly anchorAttribute: string;
  /** Whether the anchor attribute is also kept among the object's attributes. */
  readonly keepAnchor: boolean;
  /** Attribute inclusion list in lower case; undefined = everything returned. */
  readonly inclusion: ReadonlySet<string> | undefined;
}

/** The partitions used when neither the scope nor the configuration names any. */
export function defaultPartitions(config: LdapConfig, rootDse: RootDse): string[] {
  if (config.baseDns.length > 0) return config.baseDns;
  if (config.flavour === 'ad' || rootDse.isActiveDirectory) {
    return rootDse.defaultNamingContext ? [rootDse.defaultNamingContext] : rootDse.namingContexts.slice(0, 1);
  }
  return rootDse.namingContexts.filter((nc) => dnKey(nc) !== 'cn=accesslog');
}

function typeClause(t: LdapObjectType): Filter {
  return and(...t.objectClasses.map((c) => eq('objectClass', c)), ...(t.filter ? [parseConfiguredFilter(t.filter, `object type ${t.name}`)] : []));
}

/** Search filter matching entries of any of the object types. */
export function objectTypesFilter(types: readonly LdapObjectType[]): Filter {
  return or(...types.map(typeClause));
}

/** The typed searches of a list of object types (see ImportPlan.typedFilters). */
export function typedFiltersOf(types: readonly LdapObjectType[]): TypedFilter[] {
  if (!types.some((t) => t.filter)) return [{ filter: objectTypesFilter(types) }];
  // An entry belongs to the first type it matches: each type's search leaves out the types before it.
  return types.map((type, i) => ({ type, filter: i === 0 ? typeClause(type) : and(typeClause(type), not(or(...types.slice(0, i).map(typeClause)))) }));
}

/** True when a DN lies in the plan's scope: below a searched base and not below an excluded container. */
export function inScope(plan: Pick<ImportPlan, 'bases' | 'excludeContainers'>, dn: string): boolean {
  return plan.bases.some((b) => isWithinDn(dn, b.base)) && !plan.excludeContainers.some((c) => isWithinDn(dn, c));
}

/** Resolves the scope of one import against configuration, RootDSE and schema. */
export function planImport(config: LdapConfig, scope: ImportScope, rootDse: RootDse, schema: DirectorySchema): ImportPlan {
  const partitions = scope.partitions?.length ? [...scope.partitions] : defaultPartitions(config, rootDse);
  const includes = scope.includeContainers?.length ? scope.includeContainers : config.includeContainers;
  const excludes = scope.excludeContainers?.length ? scope.excludeContainers : config.excludeContainers;
  const bases: { partition: string; base: string }[] = [];
  for (const partition of partitions) {
    const inside = includes.filter((c) => isWithinDn(c, partition));
    // An included container nested inside another included one would be searched twice.
    const top = inside.filter((c) => !inside.some((o) => o !== c && dnKey(o) !== dnKey(c) && isWithinDn(c, o)));
    for (const base of top.length > 0 ? top : includes.length > 0 ? [] : [partition]) bases.push({ partition, base });
  }

  const allTypes = config.objectTypes ?? defaultObjectTypes(config.flavour);
  const objectTypes = scope.objectTypes?.length ? allTypes.filter((t) => scope.objectTypes!.includes(t.name)) : allTypes;
  if (objectTypes.length === 0) throw new Error(`no configured object type matches ${JSON.stringify(scope.objectTypes)}`);

  const anchorAttribute = anchorAttributeOf(config);
  const listed = scope.attributes ?? (config.attributes.length > 0 ? config.attributes : undefined);
  const inclusion = listed ? new Set(listed.map((a) => a.toLowerCase())) : undefined;
  const keepAnchor = inclusion ? inclusion.has(anchorAttribute.toLowerCase()) : schema.attributes.get(anchorAttribute.toLowerCase())?.operational !== true;
  const attributes = listed ? unique([...listed, 'objectClass', anchorAttribute]) : ['*', anchorAttribute];

  const binary = new Set<string>();
  const addBinary = (name: string): void => {
    const info = schema.attributes.get(name.toLowerCase());
    if (info?.type === 'binary') for (const n of [name, ...info.names]) binary.add(n);
  };
  if (listed) for (const a of attributes) addBinary(a);
  else {
    for (const info of new Set(schema.attributes.values())) if (info.type === 'binary' && !info.operational) for (const n of info.names) binary.add(n);
    addBinary(anchorAttribute);
  }
  return {
    bases,
    partitions,
    includeContainers: includes,
    excludeContainers: excludes,
    objectTypes,
    filter: objectTypesFilter(objectTypes),
    typedFilters: typedFiltersOf(objectTypes),
    attributes,
    binaryAttributes: [...binary],
    anchorAttribute,
    keepAnchor,
    inclusion,
  };
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => (seen.has(n.toLowerCase()) ? false : (seen.add(n.toLowerCase()), true)));
}
