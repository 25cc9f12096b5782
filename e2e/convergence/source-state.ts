// The content of a scenario's sources as the churn generator keeps it, and the operations that carry one
// step of churn to an LDAP source. References are kept as the DN text the source holds, spelled as written.

export type Status = 'active' | 'leave' | 'terminated';

/** A person: an HR row (files scenario) or an inetOrgPerson entry (LDAP scenario). */
export interface Person {
  readonly key: string;
  employeeId: string;
  cn: string;
  givenName?: string;
  sn: string;
  title?: string;
  /** LDAP scenario only (the files scenario takes mail from the account). */
  mail?: string;
  /** The target OU the rules put the person in. */
  department: string;
  /** Whether the outbound scoping filters take the person. */
  status: Status;
  /** DN text of the manager as the source holds it (may name nothing). */
  manager?: string;
  /** The source OU (LDAP scenario only). */
  site: string;
}

/** A person record of the directory JSON file (files scenario only), joined to the HR row by employeeId. */
export interface Account {
  readonly key: string;
  readonly employeeId: string;
  readonly login: string;
  site: string;
  mail?: string;
  jobTitle?: string;
  /** DN text in the JSON file. */
  dn: string;
}

/** A group of the directory JSON file or the LDAP source. */
export interface Group {
  readonly key: string;
  cn: string;
  description?: string;
  /** DN texts as the source holds them (may name nothing). */
  member: string[];
  /** DN text in the source. */
  dn: string;
}

/** Everything the sources hold, in source order (a Map keeps insertion order: new objects come last). */
export interface SourceState {
  readonly persons: Map<string, Person>;
  readonly accounts: Map<string, Account>;
  readonly groups: Map<string, Group>;
  /** Source OUs that exist (LDAP scenario). */
  readonly sites: Set<string>;
  /** The order objects were added in (key → rank): the order of the JSON file. */
  readonly order: Map<string, number>;
  next: number;
}

/** One write to an LDAP source; attribute values are final texts, `[]` removes an attribute. */
export type SourceOp =
  | { readonly op: 'add'; readonly dn: string; readonly attributes: Readonly<Record<string, readonly string[]>> }
  | { readonly op: 'modify'; readonly dn: string; readonly replace: Readonly<Record<string, readonly string[]>> }
  | { readonly op: 'rename'; readonly dn: string; readonly newRdn: string; readonly newParent?: string }
  | { readonly op: 'delete'; readonly dn: string };

/** How one scenario names and stores its source objects. */
export interface SourceShape {
  readonly scenario: 'files' | 'ldap';
  /** The DN of a person in its source. */
  personDn(p: Person): string;
  /** The DN of a group in its source, built from its current name. */
  groupDn(cn: string): string;
  /** The DN of an account in the JSON file (files scenario). */
  accountDn(login: string, site: string): string;
  /** DN of a source OU (LDAP scenario). */
  siteDn(site: string): string;
  /** LDAP attributes of a person or group entry (LDAP scenario; the files scenario returns none). */
  personAttributes(p: Person): Record<string, string[]>;
  groupAttributes(g: Group): Record<string, string[]>;
}

/** An empty source. */
export function emptyState(): SourceState {
  return { persons: new Map(), accounts: new Map(), groups: new Map(), sites: new Set(), order: new Map(), next: 1 };
}
