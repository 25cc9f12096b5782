// ExportChange → ExportJob with its first steps: matching before create (spec §10.1), idempotent creates,
// membership in chunks of 20 references, and deletes.
import type { ExportChange } from '../contract.ts';
import { ExportJob, type Step } from './export-job.ts';
import { applyIncremental, planBody, withCreateDefaults, type BodyPlan } from './export-body.ts';
import { exportErrorFromGraph, localError } from './export-errors.ts';
import { COLLECTION, type EntraObjectType } from './graph-schema.ts';
import type { GraphErrorInfo } from './graph-session.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const MEMBER_CHUNK = 20;

interface PlanContext {
  /** Origin used in `@odata.id` references, e.g. `https://graph.microsoft.com`. */
  readonly graphOrigin: string;
}

type UserRecord = { id: string; userPrincipalName?: string; onPremisesImmutableId?: string | null; proxyAddresses?: string[] };

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

/** Turns one change into a job; problems found locally leave the job failed without any request. */
export function planJob(change: ExportChange, ctx: PlanContext): ExportJob {
  const label = `${change.objectType} '${change.dn}'`;
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
      onRefused: (j, info) => (info.status === 404 && j.ambiguous ? 'ok' : failWith(j, info)),
      onAmbiguous: (j) => { j.ambiguous = true; return undefined; },
    });
    return job;
  }
  const plan = planBody(type, change.changes, label);
  if ('code' in plan) { job.fail(plan); return job; }
  if (change.op === 'add') {
    if (type === 'user' && typeof plan.props.userPrincipalName !== 'string') {
      job.fail(localError('missing-provisioning-attribute', `${label}: userPrincipalName is required to create a user in Entra ID`));
    } else if (type === 'user') job.queue.push(matchUserStep(plan, ctx));
    else job.queue.push(createStep('group', plan, ctx));
  } else {
    job.anchor = change.anchor!;
    job.queue.push(...updateSteps(type, change.anchor!, plan, ctx));
  }
  return job;
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
  const key = type === 'user' ? 'userPrincipalName' : 'mailNickname';
  const keyValue = String(props[key] ?? '');
  const lookup = (): Step => ({
    method: 'GET',
    url: `/${COLLECTION[type]}?$filter=${encodeURIComponent(`${key} eq ${odataString(keyValue)}`)}&$select=id`,
    onOk: (j, reply) => {
      const existing = (reply as { value?: Array<{ id: string }> }).value?.[0];
      if (!existing) { j.queue.push(createStep(type, plan, ctx)); return; }
      // The earlier attempt did create it: continue as if that reply had arrived (members re-sent, duplicates tolerated).
      j.anchor = existing.id;
      j.queue.push(...memberAddSteps(existing.id, members, ctx));
    },
    onRefused: failWith,
  });
  return {
    method: 'POST', url: `/${COLLECTION[type]}`, body, headers: JSON_HEADERS,
    onOk: (j, reply) => {
      j.anchor = (reply as { id: string }).id;
      j.queue.push(...memberAddSteps(j.anchor, members.slice(MEMBER_CHUNK), ctx));
    },
    // A conflict right after an ambiguous attempt is most likely our own earlier create.
    onRefused: (j, info) => (j.ambiguous && info.detailCodes.includes('ObjectConflict') ? [lookup()] : failWith(j, info)),
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
      method: 'DELETE', url: `/groups/${id}/members/${member}/$ref`,
      // Already not a member: the desired state holds.
      onRefused: (j, info) => (info.status === 404 ? 'ok' : failWith(j, info)),
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
      method: 'PATCH', url: `/groups/${groupId}`, headers: JSON_HEADERS,
      body: { 'members@odata.bind': chunk.map((id) => bindUrl(ctx, id)) },
      // Graph adds none of a chunk if one reference exists already: add them one by one, tolerating duplicates.
      onRefused: (j, info) => (/already exist/i.test(info.message) ? chunk.map((id) => singleMemberAdd(groupId, id, ctx)) : failWith(j, info)),
    });
  }
  return steps;
}

function singleMemberAdd(groupId: string, member: string, ctx: PlanContext): Step {
  return {
    method: 'POST', url: `/groups/${groupId}/members/$ref`, headers: JSON_HEADERS,
    body: { '@odata.id': bindUrl(ctx, member) },
    onRefused: (j, info) => (/already exist/i.test(info.message) ? 'ok' : failWith(j, info)),
  };
}
