// A default rule before it is bound to connectors: the generator turns each template into one rule per
// AD forest (side 'ad') or one rule for the Entra connector (side 'aad').
import type { AttributeFlow, JoinCondition, LinkType, ScopingCondition } from '../../../shared/model/sync-rules.ts';

export type SourceAnchorChoice = 'ms-DS-ConsistencyGuid' | 'objectGUID';

/** The wizard's "uniquely identifying your users" choice (§4.5). */
export type UserMatching = 'unique' | 'objectSid';

export interface RuleTemplate {
  readonly name: string;
  readonly immutableTag: string;
  readonly description?: string;
  /** Which connector the rule belongs to. */
  readonly side: 'ad' | 'aad';
  readonly direction: 'Inbound' | 'Outbound';
  readonly sourceObjectType: string;
  readonly targetObjectType: string;
  readonly linkType: LinkType;
  readonly enablePasswordSync?: boolean;
  readonly scopingFilter: readonly (readonly ScopingCondition[])[];
  readonly joinRules: readonly (readonly JoinCondition[])[];
  readonly attributeFlows: readonly AttributeFlow[];
  /** Set when the rule ships disabled; becomes part of the description. */
  readonly disabledReason?: string;
}

/** Inputs that change the content of the templates (not their order). */
export interface TemplateOptions {
  readonly sourceAnchor: SourceAnchorChoice;
  readonly userMatching: UserMatching;
  /** Groups with more members are not provisioned to Entra ID (Q6: a setting, default 250,000). */
  readonly groupMemberLimit: number;
}

/** Splits a whitespace-separated attribute list (keeps long lists readable). */
export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** extensionAttribute1 … extensionAttribute15. */
export const EXTENSION_ATTRIBUTES: readonly string[] = Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`);
