// An Entra Connect server configuration export (the `Get-ADSyncServerConfiguration` folder) as read from
// its XML files, before any mapping: names and values as the export stores them.
import type { SyncRule } from '../../shared/model/sync-rules.ts';

/** A `name=value` parameter of a connector, partition or the metaverse. */
export interface ExportParameter {
  readonly name: string;
  readonly value: string;
  readonly encrypted: boolean;
}

export interface ExportPartition {
  /** Lower-case braced GUID. */
  readonly id: string;
  readonly name: string;
  readonly selected: boolean;
  readonly objectClasses: readonly string[];
  readonly inclusions: readonly string[];
  readonly exclusions: readonly string[];
  /** The old server's last domain controller (a hint only). */
  readonly lastDc: string | null;
  /** Whether the export carried a DirSync cookie or watermark for it (never reused). */
  readonly hasCookie: boolean;
  readonly hasWatermark: boolean;
  readonly parameters: readonly ExportParameter[];
}

export interface ExportRunStep {
  readonly type: string;
  readonly subtype: string | null;
  /** Lower-case braced partition GUID. */
  readonly partition: string | null;
}

export interface ExportRunProfile {
  readonly name: string;
  readonly steps: readonly ExportRunStep[];
}

export interface ExportConnector {
  /** Lower-case braced GUID (the `<id>` is upper case in the file; rules name it in lower case). */
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly category: string;
  readonly subtype: string;
  readonly description: string;
  /** `adma-configuration` (AD) or `MAConfig` (Extensible2) text values, flattened. */
  readonly privateConfig: Readonly<Record<string, string>>;
  readonly parameters: readonly ExportParameter[];
  readonly attributeInclusion: readonly string[];
  readonly partitions: readonly ExportPartition[];
  readonly runProfiles: readonly ExportRunProfile[];
  /** Anchor attribute per object class (Extensible2 connectors). */
  readonly anchors: Readonly<Record<string, string>>;
  readonly passwordHashSyncEnabled: boolean;
}

/** One exported rule: the SyncRule fields plus what IdSync does not keep. */
export interface ExportRule {
  readonly file: string;
  readonly rule: SyncRule;
  /** Lower-case braced GUIDs; all zero when unused. */
  readonly precedenceBefore: string;
  readonly precedenceAfter: string;
}

export interface ExportMvAttribute {
  readonly name: string;
  readonly syntax: string;
  readonly multiValued: boolean;
  readonly indexable: boolean;
}

export interface ExportMetaverse {
  readonly server: string | null;
  readonly exportDate: string | null;
  readonly objectTypes: readonly { readonly name: string; readonly attributes: readonly string[] }[];
  readonly attributes: readonly ExportMvAttribute[];
  readonly parameters: readonly ExportParameter[];
}

export interface ServerExport {
  readonly folder: string;
  readonly layout: 'server-configuration' | 'migrate-settings';
  readonly connectors: readonly ExportConnector[];
  readonly rules: readonly ExportRule[];
  /** Rule files that could not be read at all (the import goes on without them and reports them). */
  readonly unreadableRules: readonly { readonly file: string; readonly name: string; readonly message: string }[];
  readonly metaverse: ExportMetaverse;
  /** Encoding of every file read, counted (utf-8, utf-8-bom, utf-16le, utf-16be). */
  readonly encodings: Readonly<Record<string, number>>;
  /** MigratedPolicy.json's metadata when present (host name, version, service account; for information). */
  readonly policyMetadata: Readonly<Record<string, string>> | null;
}

/** The all-zero GUID the export uses for "no rule". */
export const EMPTY_GUID = '{00000000-0000-0000-0000-000000000000}';

/** A GUID in the export's lower-case braced form. */
export function normalizeGuid(text: string): string {
  const bare = text.trim().replace(/^\{|\}$/g, '').toLowerCase();
  return `{${bare}}`;
}
