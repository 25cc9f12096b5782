// The connector contract: a connector type is a small set of async operations with a watermark in and out.
// The engine owns all state; a connector never touches the store.
import type { z } from 'zod';
import type { AttributeType, AttributeValue, Attributes } from '../model/values.ts';

/** What a connector type can do; the engine and console adapt to it. */
export interface ConnectorCapabilities {
  readonly deltaImport: boolean;
  readonly export: boolean;
  readonly rename: boolean;
  readonly passwordExport: boolean;
  /** Export must receive the complete object set (file formats that are rewritten whole). */
  readonly exportsWholeSet: boolean;
}

/** Logging and cancellation handed to a connector for one operation. */
export interface ConnectorContext {
  readonly signal: AbortSignal;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface TestConnectionResult {
  readonly ok: boolean;
  /** Readable message: what was reached, or why it failed. Never contains a secret. */
  readonly message: string;
  readonly detail?: string;
}

export interface DiscoveredAttribute {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
}

export interface DiscoveredObjectType {
  readonly name: string;
  readonly attributes: readonly DiscoveredAttribute[];
}

export interface DiscoveredSchema {
  readonly objectTypes: readonly DiscoveredObjectType[];
}

export interface ContainerNode {
  readonly dn: string;
  readonly name: string;
  readonly children: readonly ContainerNode[];
}

export interface Partition {
  /** Stable id of the partition within the connector (naming context DN for LDAP, 'default' otherwise). */
  readonly id: string;
  readonly name: string;
}

/** Scope of an import: partitions, containers and the object types and attributes to bring in. */
export interface ImportScope {
  readonly partitions?: readonly string[];
  readonly includeContainers?: readonly string[];
  readonly excludeContainers?: readonly string[];
  readonly objectTypes?: readonly string[];
  /** Attribute inclusion list; undefined means everything the source returns. */
  readonly attributes?: readonly string[];
}

/** One object as the connected directory holds it now (full image). */
export interface ImportedObject {
  readonly anchor: string;
  readonly dn: string;
  readonly objectType: string;
  readonly attributes: Attributes;
}

export type AttributeChangeOp = 'add' | 'replace' | 'delete';

/** A change to one attribute: add values, replace all values, delete values (or the attribute when values is []). */
export interface AttributeChange {
  readonly attribute: string;
  readonly op: AttributeChangeOp;
  readonly values: readonly AttributeValue[];
}

/**
 * One imported change. A full import yields only `object`; a delta import may also yield partial `update`s
 * (changed attributes only, possibly with a new DN) and `delete`s.
 */
export type ImportChange =
  | { readonly kind: 'object'; readonly object: ImportedObject }
  | {
      readonly kind: 'update';
      readonly anchor: string;
      readonly dn: string;
      readonly objectType?: string;
      readonly changes: readonly AttributeChange[];
    }
  | { readonly kind: 'delete'; readonly anchor: string; readonly dn?: string };

/** A problem with one source record that does not stop the import (spec §14.4 discovery codes). */
export interface ImportProblem {
  readonly code: string;
  readonly message: string;
  /** Where: file and line, DN, or anchor, as precise as the source allows. */
  readonly location: string;
  readonly dn?: string;
  readonly anchor?: string;
}

/** A batch of an import; `watermark` (when present) is where a resumed import may continue after it. */
export interface ImportBatch {
  readonly changes: readonly ImportChange[];
  readonly problems?: readonly ImportProblem[];
  readonly watermark?: string;
}

/** Import iterators return the watermark for the next delta import (null when the type has none). */
export type ImportIterator = AsyncGenerator<ImportBatch, string | null, void>;

/** Thrown by importDelta when the watermark can no longer be used; the engine falls back to a full import. */
export class WatermarkExpiredError extends Error {
  override readonly name = 'WatermarkExpiredError';
}

/** Thrown when the connected system cannot be reached or the connection drops (→ stopped-connectivity). */
export class ConnectivityError extends Error {
  override readonly name = 'ConnectivityError';
}

/** Thrown when the credentials are refused (→ no-start-credentials). */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

/** One change to send to the connected system. */
export interface ExportChange {
  /** The engine's id of the connector space object; echoed in the result. */
  readonly csId: string;
  readonly op: 'add' | 'update' | 'delete';
  readonly objectType: string;
  /** Current DN (for add: the DN to create). */
  readonly dn: string;
  /** Target DN when the object is renamed or moved. */
  readonly newDn?: string;
  readonly anchor: string | null;
  /** For add: every attribute as `replace`. */
  readonly changes: readonly AttributeChange[];
}

export interface ExportError {
  /** Spec §14.4 export error type, e.g. `cd-existing-object`, `constraint-violation`, `cd-error`. */
  readonly code: string;
  readonly message: string;
  /** Server response or stack, shown behind a toggle. */
  readonly detail?: string;
}

export interface ExportResult {
  readonly csId: string;
  readonly ok: boolean;
  /** Anchor assigned by the connected system to an added object. */
  readonly anchor?: string;
  /** DN the object has after the export, when the system decided it. */
  readonly dn?: string;
  readonly error?: ExportError;
  /** Set when a matching object already existed and was joined instead of created. */
  readonly matchedExisting?: boolean;
}

/** A live connection to one connected system, made from a validated configuration. */
export interface Connector {
  testConnection(ctx: ConnectorContext): Promise<TestConnectionResult>;
  discoverSchema(ctx: ConnectorContext): Promise<DiscoveredSchema>;
  discoverPartitions(ctx: ConnectorContext): Promise<readonly Partition[]>;
  discoverContainers?(partition: string, ctx: ConnectorContext): Promise<readonly ContainerNode[]>;
  importFull(scope: ImportScope, ctx: ConnectorContext): ImportIterator;
  importDelta(watermark: string, scope: ImportScope, ctx: ConnectorContext): ImportIterator;
  /** Sends a batch; one failing object never fails the batch. */
  export(batch: readonly ExportChange[], ctx: ConnectorContext): Promise<readonly ExportResult[]>;
  close(): Promise<void>;
}

/** A connector type: configuration schema, secrets, capabilities and a factory. */
export interface ConnectorType<C = unknown> {
  readonly type: string;
  readonly displayName: string;
  readonly configSchema: z.ZodType<C>;
  /** Top-level config keys that hold secrets: encrypted at rest, masked in exports and the console. */
  readonly secretFields: readonly string[];
  readonly capabilities: ConnectorCapabilities;
  /**
   * True when the connected system keeps references to an object pointing at it when the object is renamed or
   * moved, without changing the referring objects (Active Directory's linked attributes): the engine then
   * renames those references in the connector space itself, as the system did.
   */
  keepsReferencesOnRename?(config: C): boolean;
  create(config: C): Connector;
}

export type { AttributeValue, Attributes, AttributeType };
