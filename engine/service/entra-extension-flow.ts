// An on-premises attribute synchronized to a directory extension, in one step (Entra Connect's wizard page
// "Directory extensions"): the extension, the metaverse attribute, the source connector's attribute selection, and
// the rules "In from AD - User DirectoryExtension" / "Out to AAD - User DirectoryExtension" that carry the value.
import crypto from 'node:crypto';
import type { DirectoryExtension, DirectoryExtensionFlow } from '../../shared/api/entra-extensions.ts';
import type { AttributeFlow, ScopingCondition, SyncRule, SyncRuleInput } from '../../shared/model/sync-rules.ts';
import type { MvAttributeType } from '../../shared/model/metaverse.ts';
import type { ServiceContext } from './context.ts';
import { ApiError } from './api-error.ts';

export interface FlowRequest {
  readonly source: string;
  readonly attribute: string;
  readonly objectType: 'user' | 'group';
  readonly dataType: DirectoryExtension['dataType'];
  readonly multiValued: boolean;
  readonly mvAttribute?: string;
}

/** What the flow needs from the Entra connector: its name and its extension application. */
export interface ExtensionSide {
  readonly connector: { id: string; name: string };
  list(): Promise<DirectoryExtension[]>;
  prefix(): Promise<string>;
  register(name: string): Promise<DirectoryExtension>;
}

const MV_TYPE: Record<DirectoryExtension['dataType'], MvAttributeType> = {
  String: 'string', Integer: 'integer', LargeInteger: 'integer', Boolean: 'boolean', DateTime: 'datetime', Binary: 'binary',
};

/** Unused custom precedences (1–99), the highest first: the new rules yield to the administrator's own. */
function freePrecedences(rules: readonly SyncRule[], count: number): number[] {
  const used = new Set(rules.map((r) => r.precedence));
  const free: number[] = [];
  for (let p = 99; p >= 1 && free.length < count; p--) if (!used.has(p)) free.push(p);
  if (free.length < count) throw new ApiError('invalid-request', 'No free custom precedence (1–99) is left for the directory extension rules');
  return free;
}

/** Adds the transformation to the rule of that name on the connector, or creates the rule with it. */
async function upsertRule(ctx: ServiceContext, rules: readonly SyncRule[], template: SyncRuleInput, flow: AttributeFlow, precedence: () => number) {
  const existing = rules.find((r) => r.connector.id === template.connector.id && r.name.toLowerCase() === template.name.toLowerCase());
  const rule: SyncRuleInput = existing
    ? { ...existing, attributeFlows: [...existing.attributeFlows.filter((f) => f.destination.toLowerCase() !== flow.destination.toLowerCase()), flow] }
    : { ...template, precedence: precedence(), attributeFlows: [flow] };
  const saved = await ctx.call('rules.save', rule);
  return { id: saved.id, name: saved.name, direction: saved.direction, created: !existing };
}

/** Runs every step; each one is skipped when already done, so running it twice changes nothing more. */
export async function addExtensionFlow(ctx: ServiceContext, side: ExtensionSide, req: FlowRequest): Promise<DirectoryExtensionFlow> {
  const source = await ctx.call('connectors.get', { connector: req.source });
  if (source.id === side.connector.id) throw new ApiError('invalid-request', 'The source of a directory extension is an on-premises connector, not the Entra ID connector');
  const target = req.objectType === 'user' ? 'User' : 'Group';
  const prefix = await side.prefix();
  const shortName = req.attribute.trim().replace(/-/g, '_');
  const fullName = `${prefix}${shortName}`;

  // 1. What exists: the extension (a definition cannot be changed later) and the metaverse attribute; both checked
  // before anything is written.
  let extension = (await side.list()).find((d) => d.name.toLowerCase() === fullName.toLowerCase());
  if (extension && !extension.targetObjects.includes(target)) {
    throw new ApiError('invalid-request', `${extension.name} is registered for ${extension.targetObjects.join(', ')} objects only; remove it and add it again for ${[...extension.targetObjects, target].join(', ')}`);
  }
  const dataType = extension?.dataType ?? req.dataType;
  const mvType = req.objectType === 'user' ? 'person' : 'group';
  const schema = await ctx.call('schema.get', {});
  const wanted = req.mvAttribute ?? shortName;
  const attr = schema.attributes.find((a) => a.name.toLowerCase() === wanted.toLowerCase());
  if (attr && attr.type !== MV_TYPE[dataType]) {
    throw new ApiError('invalid-request', `The metaverse attribute ${attr.name} is ${attr.type}; the extension is ${dataType}: name another metaverse attribute`);
  }
  const onType = schema.objectTypes.find((t) => t.name === mvType);
  if (!onType) throw new ApiError('invalid-request', `The metaverse has no object type ${mvType}`);
  const mvAttribute = attr?.name ?? wanted;
  const label = req.objectType === 'user' ? 'User' : 'Group';
  const names = { in: `In from AD - ${label} DirectoryExtension`, out: `Out to AAD - ${label} DirectoryExtension` };
  const rules = await ctx.call('rules.list', {});
  const has = (connectorId: string, name: string) => rules.some((r) => r.connector.id === connectorId && r.name.toLowerCase() === name.toLowerCase());
  const free = freePrecedences(rules, Number(!has(source.id, names.in)) + Number(!has(side.connector.id, names.out)));

  // 2. The extension registered for the object type, and the metaverse attribute on the metaverse object type.
  const registered = !extension;
  extension ??= await side.register(shortName);
  if (!attr || !onType.attributes.some((a) => a.toLowerCase() === mvAttribute.toLowerCase())) {
    await ctx.call('schema.addAttribute', { name: mvAttribute, type: MV_TYPE[dataType], multiValued: extension.isMultiValued, indexed: attr?.indexed ?? false, objectTypes: [mvType] });
  }

  // 3. The source connector imports the attribute (a selection list that lacks it gains it; the next import is full).
  const selection = source.config.attributes;
  const attributeSelected = Array.isArray(selection) && !selection.some((a) => typeof a === 'string' && a.toLowerCase() === req.attribute.toLowerCase());
  if (attributeSelected) {
    await ctx.call('connectors.update', { connector: source.id, config: { ...source.config, attributes: [...selection, req.attribute] } });
    const current = (await ctx.call('scheduler.get', {})).ConnectorOverrides[source.id];
    await ctx.call('scheduler.override', { connector: source.id, fullImportRequired: true, fullSyncRequired: current?.fullSyncRequired ?? false });
  }

  // 4. The rules, as Entra Connect names them; outbound in the scope of the out-of-box "Out to AAD" rules.
  let next = 0;
  const precedence = () => free[next++]!;
  const mvAttrs = new Set(schema.attributes.map((a) => a.name.toLowerCase()));
  const clause = (attribute: string, operator: ScopingCondition['operator'], value: string): ScopingCondition[] => (mvAttrs.has(attribute.toLowerCase()) ? [{ attribute, operator, value }] : []);
  const outScope = [...(req.objectType === 'user' ? clause('sourceObjectType', 'EQUAL', 'User') : []), ...clause('cloudMastered', 'NOTEQUAL', 'True')];
  const inbound = await upsertRule(ctx, rules, {
    id: crypto.randomUUID(), name: names.in, direction: 'Inbound', precedence: 0,
    description: 'Attributes synchronized to directory extensions (idsync entra extension add --from)',
    connector: { id: source.id, name: source.name }, sourceObjectType: req.objectType, targetObjectType: mvType, linkType: 'Join',
  }, { destination: mvAttribute, sources: [req.attribute], flowType: 'Direct', mergeType: 'Update', executeOnce: false }, precedence);
  const outbound = await upsertRule(ctx, rules, {
    id: crypto.randomUUID(), name: names.out, direction: 'Outbound', precedence: 0,
    description: 'Directory extensions written to Entra ID (idsync entra extension add --from)',
    connector: side.connector, sourceObjectType: mvType, targetObjectType: req.objectType, linkType: 'Join',
    scopingFilter: outScope.length ? [outScope] : [],
  }, { destination: extension.name, sources: [mvAttribute], flowType: 'Direct', mergeType: 'Update', executeOnce: false }, precedence);

  return { connector: side.connector.name, extension, registered, mvAttribute, rules: [inbound, outbound], attributeSelected };
}
