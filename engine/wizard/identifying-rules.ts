// Validation of "Uniquely identifying your users" (§2.3 G): the source anchor must be immutable, single-valued
// and never an address; the matching attribute must exist in the metaverse.
import type { IdentifyingChoice, WizardIssue } from '../../shared/model/wizard.ts';

/** Attributes that hold addresses or names people change, refused as a source anchor. */
const MUTABLE_ANCHORS = new Set(['mail', 'userprincipalname', 'proxyaddresses', 'samaccountname', 'displayname', 'cn', 'name', 'distinguishedname']);

/** Issues of the identifying page; `mvAttributes` are the metaverse attribute names, `multiValued` the directory's multi-valued ones. */
export function identifyingIssues(choice: IdentifyingChoice, mvAttributes: ReadonlySet<string>, multiValued: ReadonlySet<string>): WizardIssue[] {
  const issues: WizardIssue[] = [];
  if (choice.sourceAnchor === 'attribute') {
    const a = (choice.sourceAnchorAttribute ?? '').trim();
    if (!a) issues.push({ field: 'sourceAnchorAttribute', severity: 'block', message: 'Choose the attribute to use as the source anchor' });
    else if (a.includes('@') || MUTABLE_ANCHORS.has(a.toLowerCase())) {
      issues.push({ field: 'sourceAnchorAttribute', severity: 'block', message: `${a} cannot be the source anchor: it holds an address or a name that changes (the anchor must never change; mail and userPrincipalName are refused)` });
    } else if (multiValued.has(a.toLowerCase())) {
      issues.push({ field: 'sourceAnchorAttribute', severity: 'block', message: `${a} cannot be the source anchor: it is multi-valued in the directory` });
    } else {
      issues.push({ field: 'sourceAnchorAttribute', severity: 'block', message: `${a}: IdSync's default rules support ms-DS-ConsistencyGuid and objectGUID as the source anchor; choose one of them` });
    }
  }
  if (choice.userMatching === 'attribute') {
    const m = (choice.matchingAttribute ?? '').trim();
    if (!m) issues.push({ field: 'matchingAttribute', severity: 'block', message: 'Choose the attribute that identifies a user across directories' });
    else if (!mvAttributes.has(m)) issues.push({ field: 'matchingAttribute', severity: 'block', message: `${m} is not a metaverse attribute` });
  }
  if (['mail', 'samAccountName', 'attribute'].includes(choice.userMatching)) {
    issues.push({ field: 'userMatching', severity: 'block', message: 'IdSync\'s default rules support matching users as represented only once, or by objectSID (account and resource forests)' });
  }
  return issues;
}
