// ExportChange → ExportJob with its first steps: matching before create (spec §10.1), idempotent creates and
// replays (an object that already exists with the same values is confirmed), membership in chunks of 20
// references, and deletes.
import type { ExportChange, ExportError } from '../contract.ts';
import { ExportJob, type Step } from './export-job.ts';
import { applyIncremental, planBody, withCreateDefaults, type BodyPlan, type ExtensionScope } from './export-body.ts';
import { exportErrorFromGraph, localError } from './export-errors.ts';
import { COLLECTION, type EntraObjectType } from './graph-schema.ts';
import type { GraphErrorInfo } from './graph-session.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const MEMBER_CHUNK = 20;

interface PlanContext {
  /** Origin used in `@odata.id` references, e.g. `https://graph.microsoft.com`. */
  readonly graphOrigin: string;
  /** The directory extensions the export may write. */
  readonly extensions?: ExtensionScope;
}

type UserRecord = { id: string; userPrincipalName?: string; onPremisesImmutableId?: string | null; proxyAddresses?: string[] };
type GroupRecord = Record<string, unknown> & { id: string };

/** Group properties compared to recognise a group created by an earlier, interrupted export of the same object. */
const GROUP_IDENTITY = ['displayName', 'mailNickname', 'description', 'securityEnabled', 'mailEnabled'];

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function relative(link: string): string {
  const url = new URL(link);
  return url.pathname.replace(/^\/(v1\.0|beta)/, '') + url.search;
}

function failWith(job: ExportJob, info: GraphErrorInfo): undefined {
  job.fail(exportErrorFromGraph(info, job.label));
  return undefined;
}

function labelOf(change: ExportChange): string {
  return `${change.objectType} '${change.dn}'`;
}

/** A job that fails before any request, with an error found outside the plan (e.g. a refused registration). */
export function failedJob(change: ExportChange, error: (label: string) => ExportError): ExportJob {
  const job = new ExportJob(change, labelOf(change));
  job.fail(error(job.label));
  return job;
}

/** Turns one change into a job; problems found locally leave the job failed without any request. */
export function planJob(change: ExportChange, ctx: PlanContext): ExportJob {
  const label = labelOf(change);
  const job = new ExportJob(change, label);
  const type = change.objectType as EntraObjectType;
  if (type === 'contact') {
    job.fail(localError('no-export-to-this-object-type', `${label}: organizational contacts are read-only in Microsoft Graph; Entra ID contacts can only be created by Entra Connect's own sync channel or Exchange Online`));
    return job;
  }
  if (type !== 'user' && type !== 'group') {
    job.fail(localError('no-export-to-this-object-type', `${label}: the Entra connector exports users and groups only`));
    return job;
  }
  if (change.op !== 'add' && !change.anchor) {
    job.fail(localError('missing-anchor-component', `${label}: cannot ${change.op} an object without its Entra object id (anchor)`));
    return job;
  }
  const collection = COLLECTION[type];
  if (change.op === 'delete') {
    job.queue.push({
      method: 'DELETE', url: `/${collection}/${change.anchor}`,
      // Already gone (deleted by an earlier attempt whose result was lost, or by someone else): the desired state holds.
      onRefused: (j, info) => (info.status === 404 ? 'ok' : failWith(j, info)),
    });
    return job;
  }
  const plan = planBody(type, change.changes, label, change.op === 'add', ctx.extensions);
  if ('code' in plan) { job.fail(plan); return job; }
  const kind = type === 'group' ? groupKindProblem(change.op === 'add' ? withCreateDefaults('group', plan.props) : plan.props, change.op === 'add') : undefined;
  if (kind) { job.fail(localError('cd-error', `${label}: ${kind}`)); return job; }
  if (change.op === 'add') {
    if (type === 'user' && typeof plan.props.userPrincipalName !== 'string') {
      job.fail(localError('missing-provisioning-attribute', `${label}: userPrincipalName is required to create a user in Entra ID`));
    } else if (type === 'user') job.queue.push(matchUserStep(plan, ctx));
    else job.queue.push(matchGroupStep(plan, ctx));
  } else {
    job.anchor = change.anchor!;
    job.queue.push(...updateSteps(type, change.anchor!, plan, ctx));
  }
  return job;
}

/**
 * What Graph cannot do with a group's kind: it creates security groups and Microsoft 365 groups only; mail-enabled
 * security groups and distribution lists belong to Exchange Online, and a group can't stop being a security group.
 */
function groupKindProblem(props: Record<string, unknown>, creating: boolean): string | undefined {
  const unified = Array.isArray(props.groupTypes) && props.groupTypes.includes('Unified');
  if (unified) return undefined;
  if (props.securityEnabled === false) {
    return creating
      ? 'Microsoft Graph cannot create distribution groups (the group is not security-enabled); only Exchange Online or Entra Connect\'s own sync channel can. Nothing was created.'
      : 'Microsoft Graph cannot turn a security group into a distribution group (securityEnabled false); nothing was changed.';
  }
  if (props.mailEnabled === true) {
    return creating
      ? 'Microsoft Graph cannot create mail-enabled security groups; only Exchange Online or Entra Connect\'s own sync channel can. Nothing was created.'
      : 'Microsoft Graph cannot mail-enable a security group; nothing was changed.';
  }
  return undefined;
}

/**
 * Before creating a group: a group with the same name, alias and kind is one an earlier export of this object
 * created before its result was recorded (a replay after a crash or a lost reply). It is confirmed and its members
 * are brought to the wanted list instead of creating a duplicate; several such groups are an error.
 */
function matchGroupStep(plan: BodyPlan, ctx: PlanContext): Step {
  const props = withCreateDefaults('group', plan.props);
  return {
    method: 'GET',
    url: `/groups?$filter=${encodeURIComponent(`mailNickname eq ${odataString(String(props.mailNickname ?? ''))}`)}&$select=id,${GROUP_IDENTITY.join(',')}`,
    onOk: (j, body) => {
      const same = ((body as { value?: GroupRecord[] }).value ?? []).filter((g) => GROUP_IDENTITY.every((k) => (g[k] ?? null) === (props[k] ?? null)));
      if (same.length === 0) { j.queue.push(createStep('group', plan, ctx)); return; }
      if (same.length > 1) {
        j.fail(localError('cd-existing-object', `${j.label}: ${same.length} Entra groups (${same.map((g) => g.id).join(', ')}) have this group's name, alias and kind; remove the duplicates so one can be confirmed`));
        return;
      }
      j.anchor = same[0]!.id;
      j.matchedExisting = true;
      const members = [...new Set([...plan.membersAdd, ...(plan.membersReplace ?? [])])];
      j.queue.push(readMembersStep(same[0]!.id, `/groups/${same[0]!.id}/members?$select=id&$top=999`, [], { ...plan, props: {}, incremental: [], membersReplace: members }, ctx));
    },
    onRefused: failWith,
  };
}

/** Hard match on onPremisesImmutableId, then soft match on userPrincipalName or primary SMTP address. */
function matchUserStep(plan: BodyPlan, ctx: PlanContext): Step {
  const immutableId = typeof plan.props.onPremisesImmutableId === 'string' ? plan.props.onPremisesImmutableId : undefined;
  const upn = String(plan.props.userPrincipalName);
  const mail = typeof plan.props.mail === 'string' ? plan.props.mail : undefined;
  const clauses = [
    immutableId && `onPremisesImmutableId eq ${odataString(immutableId)}`,
    `userPrincipalName eq ${odataString(upn)}`,
    mail && `proxyAddresses/any(p:p eq ${odataString(`SMTP:${mail}`)})`,
  ].filter(Boolean);
  return {
    method: 'GET',
    url: `/users?$filter=${encodeURIComponent(clauses.join(' or '))}&$count=true&$select=id,userPrincipalName,onPremisesImmutableId,proxyAddresses`,
    headers: { ConsistencyLevel: 'eventual' },
    onOk: (j, body) => {
      const found = ((body as { value?: UserRecord[] }).value ?? []);
      const hard = immutableId ? found.find((u) => u.onPremisesImmutableId === immutableId) : undefined;
      const soft = hard ? undefined : found.find((u) => u.userPrincipalName?.toLowerCase() === upn.toLowerCase() ||
        (mail && (u.proxyAddresses ?? []).some((p) => p === `SMTP:${mail}` || (p.startsWith('SMTP:') && p.slice(5).toLowerCase() === mail.toLowerCase()))));
      if (soft?.onPremisesImmutableId && soft.onPremisesImmutableId !== immutableId) {
        j.fail(localError('cd-error', `InvalidSoftMatch: ${j.label}: Entra user ${soft.id} has the same userPrincipalName or primary SMTP address but a different onPremisesImmutableId`));
        return;
      }
      const target = hard ?? soft;
      if (!target) { j.queue.push(createStep('user', plan, ctx)); return; }
      j.anchor = target.id;
      j.matchedExisting = true;
      // Takeover: the on-premises values overwrite the cloud ones, and the anchor is written for later hard matches.
      j.queue.push(...updateSteps('user', target.id, plan, ctx));
    },
    onRefused: failWith,
  };
}

function createStep(type: 'user' | 'group', plan: BodyPlan, ctx: PlanContext): Step {
  const props = withCreateDefaults(type, plan.props);
  const members = [...new Set([...plan.membersAdd, ...(plan.membersReplace ?? [])])];
  const firstMembers = members.slice(0, MEMBER_CHUNK);
  const body = firstMembers.length > 0 ? { ...props, 'members@odata.bind': firstMembers.map((id) => bindUrl(ctx, id)) } : props;
  const immutableId = typeof props.onPremisesImmutableId === 'string' ? props.onPremisesImmutableId : undefined;
  const lookup = (conflict?: GraphErrorInfo): Step => (type === 'group' ? matchGroupStep(plan, ctx) : {
    method: 'GET',
    url: `/users?$filter=${encodeURIComponent(`userPrincipalName eq ${odataString(String(props.userPrincipalName ?? ''))}`)}&$select=id,onPremisesImmutableId`,
    onOk: (j, reply) => {
      const existing = (reply as { value?: Array<{ id: string; onPremisesImmutableId?: string | null }> }).value?.[0];
      if (!existing) {
        // The conflict is on another property than the name: creating again would meet it again.
        if (conflict) failWith(j, conflict);
        else j.queue.push(createStep(type, plan, ctx));
        return;
      }
      // Someone else's user with this name is a real conflict; ours (same immutable id) is an earlier attempt.
      if (conflict && (existing.onPremisesImmutableId ?? undefined) !== immutableId) { failWith(j, conflict); return; }
      // The earlier attempt did create it: continue as if that reply had arrived.
      j.anchor = existing.id;
      j.matchedExisting = true;
    },
    onRefused: failWith,
  });
  return {
    method: 'POST', url: `/${COLLECTION[type]}`, body, headers: JSON_HEADERS,
    onOk: (j, reply) => {
      j.anchor = (reply as { id: string }).id;
      j.queue.push(...memberAddSteps(j.anchor, members.slice(MEMBER_CHUNK), ctx));
    },
    // A conflict is our own earlier create when the existing object carries our immutable id (a replay after a
    // crash between the write and its record, or a lost reply).
    onRefused: (j, info) => (info.detailCodes.includes('ObjectConflict') ? [lookup(j.ambiguous ? undefined : info)] : failWith(j, info)),
    onAmbiguous: (j) => { j.ambiguous = true; return [lookup()]; },
  };
}

function updateSteps(type: EntraObjectType, id: string, plan: BodyPlan, ctx: PlanContext): Step[] {
  const collection = COLLECTION[type];
  if (plan.incremental.length > 0) {
    const select = plan.incremental.map((c) => c.attribute).join(',');
    return [{
      method: 'GET', url: `/${collection}/${id}?$select=${select}`,
      onOk: (j, current) => {
        j.queue.push(...updateSteps(type, id, { ...plan, incremental: [], props: { ...plan.props, ...applyIncremental(current as Record<string, unknown>, plan.incremental) } }, ctx));
      },
      onRefused: failWith,
    }];
  }
  if (plan.membersReplace) return [readMembersStep(id, `/groups/${id}/members?$select=id&$top=999`, [], plan, ctx)];
  const steps: Step[] = [];
  if (Object.keys(plan.props).length > 0) {
    steps.push({ method: 'PATCH', url: `/${collection}/${id}`, body: plan.props, headers: JSON_HEADERS, onRefused: failWith });
  }
  steps.push(...memberAddSteps(id, plan.membersAdd, ctx));
  for (const member of plan.membersRemove) {
    steps.push({
      method: 'DELETE', url: `/groups/${id}/members/${member}/$ref`, independent: true,
      // Already not a member (400 "One or more removed object references do not exist…"), or the member object is
      // gone (404): the desired state holds.
      onRefused: (j, info) => (info.status === 404 || (info.status === 400 && /removed object references do not exist/i.test(info.message)) ? 'ok' : failWith(j, info)),
    });
  }
  return steps;
}

function readMembersStep(id: string, url: string, seen: string[], plan: BodyPlan, ctx: PlanContext): Step {
  return {
    method: 'GET', url,
    onOk: (j, body) => {
      const page = body as { value?: Array<{ id: string }>; '@odata.nextLink'?: string };
      const current = [...seen, ...(page.value ?? []).map((m) => m.id.toLowerCase())];
      if (page['@odata.nextLink']) { j.queue.push(readMembersStep(id, relative(page['@odata.nextLink']), current, plan, ctx)); return; }
      const wanted = new Set(plan.membersReplace);
      const have = new Set(current);
      j.queue.push(...updateSteps('group', id, {
        ...plan, membersReplace: undefined,
        membersAdd: [...wanted].filter((m) => !have.has(m)),
        membersRemove: current.filter((m) => !wanted.has(m)),
      }, ctx));
    },
    onRefused: failWith,
  };
}

function bindUrl(ctx: PlanContext, id: string): string {
  return `${ctx.graphOrigin}/v1.0/directoryObjects/${id}`;
}

function memberAddSteps(groupId: string, members: readonly string[], ctx: PlanContext): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < members.length; i += MEMBER_CHUNK) {
    const chunk = members.slice(i, i + MEMBER_CHUNK);
    steps.push({
      method: 'PATCH', url: `/groups/${groupId}`, headers: JSON_HEADERS, independent: true,
      body: { 'members@odata.bind': chunk.map((id) => bindUrl(ctx, id)) },
      // Graph adds none of a chunk if one reference exists already: add them one by one, tolerating duplicates.
      onRefused: (j, info) => (/already exist/i.test(info.message) ? chunk.map((id) => singleMemberAdd(groupId, id, ctx)) : failWith(j, info)),
    });
  }
  return steps;
}

function singleMemberAdd(groupId: string, member: string, ctx: PlanContext): Step {
  return {
    method: 'POST', url: `/groups/${groupId}/members/$ref`, headers: JSON_HEADERS, independent: true,
    body: { '@odata.id': bindUrl(ctx, member) },
    onRefused: (j, info) => (/already exist/i.test(info.message) ? 'ok' : failWith(j, info)),
  };
}
