// The RootDSE: naming contexts, schema location, supported controls and AD's update sequence number.
import type { Client } from 'ldapts';
import { parseSchema, type DirectorySchema } from './schema.ts';

export interface RootDse {
  readonly namingContexts: string[];
  readonly defaultNamingContext?: string;
  readonly configurationNamingContext?: string;
  readonly schemaNamingContext?: string;
  readonly subschemaSubentry?: string;
  readonly supportedControls: ReadonlySet<string>;
  /** AD: the DC's highest committed USN (delta watermark). */
  readonly highestCommittedUSN?: string;
  /** AD: the DC's NTDS Settings DN (a USN watermark is only valid on the same DC). */
  readonly dsServiceName?: string;
  readonly vendorName?: string;
  /** Present on AD (domainFunctionality). */
  readonly isActiveDirectory: boolean;
}

function strings(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

/** Reads the RootDSE. */
export async function readRootDse(client: Client): Promise<RootDse> {
  const { searchEntries } = await client.search('', {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: [
      'namingContexts', 'defaultNamingContext', 'configurationNamingContext', 'schemaNamingContext',
      'subschemaSubentry', 'supportedControl', 'highestCommittedUSN', 'dsServiceName', 'vendorName', 'domainFunctionality',
    ],
  });
  const e = searchEntries[0] ?? { dn: '' };
  const one = (name: string): string | undefined => strings(e[name])[0];
  return {
    namingContexts: strings(e.namingContexts),
    defaultNamingContext: one('defaultNamingContext'),
    configurationNamingContext: one('configurationNamingContext'),
    schemaNamingContext: one('schemaNamingContext'),
    subschemaSubentry: one('subschemaSubentry'),
    supportedControls: new Set(strings(e.supportedControl)),
    highestCommittedUSN: one('highestCommittedUSN'),
    dsServiceName: one('dsServiceName'),
    vendorName: one('vendorName'),
    isActiveDirectory: one('domainFunctionality') !== undefined,
  };
}

/** Reads and parses the subschema entry the RootDSE points to. */
export async function readSchema(client: Client, rootDse: RootDse): Promise<DirectorySchema> {
  const base = rootDse.subschemaSubentry ?? 'cn=Subschema';
  const { searchEntries } = await client.search(base, {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: ['attributeTypes', 'objectClasses', 'dITContentRules'],
  });
  const e = searchEntries[0];
  if (!e) throw new Error(`subschema entry ${base} not readable`);
  return parseSchema(strings(e.attributeTypes), strings(e.objectClasses), strings(e.dITContentRules));
}
