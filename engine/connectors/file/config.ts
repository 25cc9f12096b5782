// Configuration of the file connector: which file, which format, how rows become objects.
import { hash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { unknownKeysMessage } from './near-match.ts';

/** Refuses keys the schema does not know, naming each one and the key it was probably meant to be. */
function strictObject<S extends z.ZodRawShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  const known = Object.keys(shape);
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : undefined) });
}

/** How one column / attribute is read and written. */
export const attributeSpecSchema = strictObject({
  type: z.enum(['string', 'integer', 'boolean', 'binary', 'datetime', 'reference']).default('string'),
  multiValued: z.boolean().default(false),
  /** Separator of the values of a multi-valued attribute in one CSV cell; defaults to the connector's. */
  separator: z.string().min(1).optional(),
});

export const fileConfigSchema = strictObject({
  format: z.enum(['csv', 'json', 'ldif']),
  /** The file imported from. */
  path: z.string().min(1),
  /** The file exported to; defaults to `path`. */
  exportPath: z.string().min(1).optional(),
  /** Directory holding the digests used by delta import; defaults to `.idsync-state` beside the export file. */
  stateDir: z.string().min(1).optional(),
  /** Attribute whose value is the anchor; for LDIF the default `dn` means the DN itself. */
  anchor: z.string().min(1).optional(),
  /** Fixed object type of every record. */
  objectType: z.string().min(1).optional(),
  /** Attribute holding the object type (the most specific value wins when it is multi-valued). */
  objectTypeAttribute: z.string().min(1).optional(),
  /** DN of rows without one, e.g. `CN={displayName},OU=HR`; values are RFC 4514 escaped. */
  dnTemplate: z.string().min(1).optional(),
  /** CSV column / JSON key holding the DN when a row carries one. */
  dnAttribute: z.string().min(1).default('dn'),
  /** Declared types of attributes; undeclared ones are single-valued strings (LDIF: repeated values make them multi-valued). */
  attributes: z.record(z.string(), attributeSpecSchema).default({}),
  /** Separator of multi-valued CSV cells. */
  multiValueSeparator: z.string().min(1).default(';'),
  /** CSV field delimiter. */
  delimiter: z.string().length(1).default(','),
  encoding: z.literal('utf-8').default('utf-8'),
  /** Objects per import batch. */
  batchSize: z.number().int().min(1).max(100_000).default(500),
}).superRefine((c, ctx) => {
  if (c.format !== 'ldif' && !c.anchor) {
    ctx.addIssue({ code: 'custom', path: ['anchor'], message: `a ${c.format} file needs an anchor attribute` });
  }
  if (c.format !== 'ldif' && !c.objectType && !c.objectTypeAttribute) {
    ctx.addIssue({ code: 'custom', path: ['objectType'], message: 'set objectType or objectTypeAttribute' });
  }
  if (c.objectType && c.objectTypeAttribute) {
    ctx.addIssue({ code: 'custom', path: ['objectTypeAttribute'], message: 'set objectType or objectTypeAttribute, not both' });
  }
});

export type AttributeSpec = z.output<typeof attributeSpecSchema>;
export type FileConfigInput = z.input<typeof fileConfigSchema>;
export type FileConfig = z.output<typeof fileConfigSchema>;

/** The anchor attribute that means "the DN itself". */
export const DN_ANCHOR = 'dn';

/** Attributes that are references in LDIF when the configuration does not say otherwise. */
const LDIF_DEFAULT_REFERENCES = ['member', 'uniqueMember', 'manager', 'owner', 'secretary', 'seeAlso', 'memberOf'];
/** Attributes that are binary in LDIF when the configuration does not say otherwise. */
const LDIF_DEFAULT_BINARY = ['objectGUID', 'objectSid', 'jpegPhoto', 'userCertificate', 'thumbnailPhoto', 'mS-DS-ConsistencyGuid'];

/** Resolved view of the configuration that the readers and writers share. */
export interface FileSettings {
  readonly config: FileConfig;
  readonly exportPath: string;
  readonly stateDir: string;
  readonly anchor: string;
  readonly objectTypeAttribute: string | undefined;
  /** Declared spec of an attribute (case-insensitive), or undefined. */
  spec(attribute: string): AttributeSpec | undefined;
}

/** Fills in the defaults that depend on the format and on other fields. */
export function resolveSettings(config: FileConfig): FileSettings {
  const exportPath = config.exportPath ?? config.path;
  const specs = new Map<string, AttributeSpec>();
  if (config.format === 'ldif') {
    for (const a of LDIF_DEFAULT_REFERENCES) specs.set(a.toLowerCase(), { type: 'reference', multiValued: true });
    for (const a of LDIF_DEFAULT_BINARY) specs.set(a.toLowerCase(), { type: 'binary', multiValued: false });
  }
  for (const [name, spec] of Object.entries(config.attributes)) specs.set(name.toLowerCase(), spec);
  const seen = new Map<string, AttributeSpec | undefined>();
  return {
    config,
    exportPath,
    // One state folder per source file: several connectors may read files in the same directory.
    stateDir: config.stateDir ?? join(dirname(exportPath), '.idsync-state', config.path.split(/[\\/]/).pop() ?? 'source'),
    anchor: config.anchor ?? DN_ANCHOR,
    objectTypeAttribute: config.objectTypeAttribute ?? (config.format === 'ldif' && !config.objectType ? 'objectClass' : undefined),
    spec: (attribute) => {
      // Called for every attribute of every record: remember the answer per spelling.
      if (seen.has(attribute)) return seen.get(attribute);
      const spec = specs.get(attribute.toLowerCase());
      seen.set(attribute, spec);
      return spec;
    },
  };
}

/** Fingerprint of everything that decides how records become objects; snapshots only compare under the same one. */
export function readingFingerprint(config: FileConfig): string {
  const { format, path, anchor, objectType, objectTypeAttribute, dnTemplate, dnAttribute, attributes, multiValueSeparator, delimiter } = config;
  const key = JSON.stringify([format, path, anchor, objectType, objectTypeAttribute, dnTemplate, dnAttribute, attributes, multiValueSeparator, delimiter]);
  return hash('sha1', key, 'hex').slice(0, 16);
}
