// What a target holds: as the test's model expects it, and as read back from the target itself.

/** One entry the model expects in a target. */
export interface ExpectedEntry {
  readonly dn: string;
  /** Key of the source object it stands for (traces a difference back to the churn that touched it). */
  readonly source: string;
  /** Every attribute the rules manage that has values; absent attributes are absent. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/** The model's view of one target. */
export interface ExpectedTarget {
  /** The connector's name. */
  readonly name: string;
  readonly entries: readonly ExpectedEntry[];
  /** Attributes whose values are DNs (lower case); compared as DNs. */
  readonly references: ReadonlySet<string>;
}

/** One entry read from a target; attribute names as the target spells them. */
export interface ActualEntry {
  readonly dn: string;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/** A target as read back; `problems` are things a server would have refused (an add of an existing DN…). */
export interface ActualTarget {
  readonly name: string;
  readonly entries: readonly ActualEntry[];
  readonly problems: readonly string[];
}

/** Adds an attribute to an entry under construction when it has values. */
export function put(attributes: Record<string, string[]>, name: string, values: readonly (string | undefined)[]): void {
  const present = values.filter((v): v is string => v !== undefined && v !== '');
  if (present.length > 0) attributes[name] = present;
}
