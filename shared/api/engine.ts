// Engine methods: connectors, runs, connector spaces, metaverse, preview, lineage, configuration (sync rules: rules.ts).
// Each group's schemas live in shared/model/.
import { z } from 'zod';
import { method } from './define.ts';
import { page } from '../model/values.ts';
import { ConnectorDetail, ConnectorInput, ConnectorSummary, ConnectorTypeInfo, RunProfile } from '../model/connectors.ts';
import { RunDetail, RunObjectRecord, RunObjectSnapshot, RunStatus, RunSummary } from '../model/runs.ts';
import { CsObjectDetail, CsObjectRow, CsSearchRequest } from '../model/connector-space.ts';
import { MvAttributeDef, MvObjectDetail, MvObjectRow, MvObjectTypeDef, MvSchema, MvSearchRequest, PrecedenceEntry } from '../model/metaverse.ts';
import { LineageResult, PreviewResult } from '../model/preview.ts';
import { ConfigDocument, ConfigImportResult } from '../model/config.ts';

const ByConnector = z.object({ connector: z.string().describe('connector id or name') });
const Ok = z.object({ ok: z.literal(true) });

export const engineMethods = {
  'connectors.types': method('Connector types this engine can create', z.object({}), z.array(ConnectorTypeInfo)),
  'connectors.list': method('Every connector with its state and last run', z.object({}), z.array(ConnectorSummary)),
  'connectors.get': method('One connector with its configuration (secrets masked) and run profiles', ByConnector, ConnectorDetail),
  'connectors.create': method('Creates a connector with the five default run profiles', ConnectorInput, ConnectorDetail),
  'connectors.update': method(
    'Updates a connector; a masked secret keeps the stored value',
    ConnectorInput.partial().extend({ connector: z.string() }),
    ConnectorDetail,
  ),
  'connectors.delete': method('Deletes a connector and its connector space (links are removed, MV objects re-evaluated)', ByConnector.extend({ confirm: z.literal(true) }), Ok),
  'connectors.test': method('Tests the connection of a connector', ByConnector, z.object({ ok: z.boolean(), message: z.string(), detail: z.string().optional() })),
  'runProfiles.list': method('Run profiles of a connector', ByConnector, z.array(RunProfile)),

  'runs.start': method('Starts a run profile; returns at once with the run id (progress arrives as run.progress events)',
    z.object({ connector: z.string(), profile: z.string() }), z.object({ runId: z.string() })),
  'runs.stop': method('Asks the running profile to stop', z.object({ runId: z.string().optional(), connector: z.string().optional() }), z.object({ stopped: z.boolean() })),
  'runs.list': method('Run history, newest first',
    z.object({ connector: z.string().optional(), status: z.array(RunStatus).optional(), cursor: z.string().nullable().optional(), limit: z.number().int().min(1).max(500).default(50) }),
    page(RunSummary)),
  'runs.get': method('A run with its steps, counters and error counts', z.object({ runId: z.string() }), RunDetail),
  'runs.objects': method('The objects behind one counter or error code of a step (outbound counters: pass targetConnector)',
    z.object({ runId: z.string(), step: z.number().int(), counter: z.string(), targetConnector: z.string().optional(), cursor: z.string().nullable().optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    page(RunObjectRecord)),
  'runs.objectSnapshot': method('One run record with the object as it was at run time', z.object({ recordId: z.string() }), RunObjectSnapshot),
  'runs.clear': method('Deletes runs that ended before a date (all when omitted)', z.object({ before: z.string().optional() }), z.object({ deleted: z.number() })),

  'cs.search': method('Searches a connector space by scope and attribute clauses', CsSearchRequest, page(CsObjectRow)),
  'cs.get': method('One connector space object with hologram, pending changes, errors, lineage and log',
    z.object({ connector: z.string(), id: z.string().optional(), dn: z.string().optional() }), CsObjectDetail),

  'mv.search': method('Searches the metaverse', MvSearchRequest, page(MvObjectRow)),
  'mv.get': method('One metaverse object with contributors per attribute and its connectors', z.object({ id: z.string() }), MvObjectDetail),
  'schema.get': method('The metaverse schema', z.object({}), MvSchema),
  'schema.addObjectType': method('Adds a metaverse object type', MvObjectTypeDef, MvSchema),
  'schema.addAttribute': method('Adds an attribute, optionally to object types', MvAttributeDef.extend({ objectTypes: z.array(z.string()).default([]) }), MvSchema),
  'schema.deleteAttribute': method('Deletes an attribute; refused while a sync rule uses it', z.object({ name: z.string() }), MvSchema),
  'schema.precedence': method('Every rule flowing to an MV attribute, by precedence', z.object({ attribute: z.string(), objectType: z.string().optional() }), z.array(PrecedenceEntry)),

  'preview.generate': method('Computes what a sync would do to one CS object, changing nothing',
    z.object({ connector: z.string(), id: z.string().optional(), dn: z.string().optional(), mode: z.enum(['full', 'delta']).default('full') }), PreviewResult),
  'preview.commit': method('Synchronizes one CS object for real',
    z.object({ connector: z.string(), id: z.string().optional(), dn: z.string().optional(), mode: z.enum(['full', 'delta']).default('full') }), PreviewResult),
  'lineage.attribute': method('Which connector, object and rule contributed an MV attribute', z.object({ mvId: z.string(), attribute: z.string() }), LineageResult),

  'config.export': method('The configuration as a document (secrets masked)', z.object({}), ConfigDocument),
  'config.import': method('Validates and applies a configuration document; refused whole when invalid', z.object({ document: z.unknown() }), ConfigImportResult),
} as const;
