// "Microsoft Entra sign-in" (§2.3 E): each on-premises UPN suffix against the tenant's domains.
import type { UpnSuffixRow, WizardIssue } from '../../shared/model/wizard.ts';

export interface TenantDomain {
  readonly id: string;
  readonly isVerified: boolean;
  readonly isDefault: boolean;
}

/** One row per suffix: Verified, Not Verified (added, unverified) or Not Added. */
export function upnSuffixRows(suffixCounts: ReadonlyMap<string, number>, domains: readonly TenantDomain[]): UpnSuffixRow[] {
  const byName = new Map(domains.map((d) => [d.id.toLowerCase(), d]));
  return [...suffixCounts.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([suffix, users]) => {
      const d = byName.get(suffix.toLowerCase());
      return { suffix, users, entraDomain: d?.id ?? null, state: d ? (d.isVerified ? 'Verified' : 'Not Verified') : 'Not Added' } as const;
    });
}

/** The onmicrosoft.com domain users fall back to. */
export function initialDomain(domains: readonly TenantDomain[]): string {
  return domains.find((d) => d.id.toLowerCase().endsWith('.onmicrosoft.com'))?.id ?? domains.find((d) => d.isDefault)?.id ?? 'the tenant';
}

/** Warnings for unverified suffixes (blocking unless the administrator chose to continue) and the attribute checks. */
export function upnIssues(rows: readonly UpnSuffixRow[], domains: readonly TenantDomain[], upnAttribute: string, continueWithoutVerified: boolean): WizardIssue[] {
  const issues: WizardIssue[] = [];
  if (upnAttribute !== 'userPrincipalName') {
    issues.push({ field: 'upnAttribute', severity: 'block', message: `${upnAttribute}: an alternate login ID is not supported by IdSync's default rules; use userPrincipalName` });
  }
  const unverified = rows.filter((r) => r.state !== 'Verified');
  if (unverified.length) {
    const list = unverified.map((r) => `${r.suffix} (${r.state})`).join(', ');
    issues.push({
      field: 'upnSuffixes', severity: continueWithoutVerified ? 'warn' : 'block',
      message: `Users with these UPN suffixes will sign in as user@${initialDomain(domains)}: ${list}. Add and verify the domains in the tenant, then refresh; or tick "Continue without matching all UPN suffixes to verified domains".`,
    });
  }
  return issues;
}
