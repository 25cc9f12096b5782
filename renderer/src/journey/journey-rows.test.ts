import { describe, expect, it } from 'vitest';
import { changeRows, errorRows } from './journey-rows.ts';
import type { ObjectJourney } from '../../../shared/model/journey.ts';

const object = (connector: string, extra: Partial<ObjectJourney['objects'][number]>): ObjectJourney['objects'][number] => ({
  connector, connectorId: connector, csId: connector.length.toString(), dn: `cn=x,${connector}`, anchor: null, objectType: 'person', state: 'connector.normal',
  pendingImport: null, pendingExport: null, errors: [], lastImportAt: null, lastExportAt: null, ...extra,
});

describe('journey rows', () => {
  it('lists every pending attribute change with its direction and values', () => {
    const j: ObjectJourney = {
      mv: null, runs: [],
      objects: [
        object('HR', { pendingImport: { op: 'update', changes: [{ attribute: 'title', oldValues: ['Dev'], newValues: ['Lead'] }] } }),
        object('AD', { pendingExport: { op: 'delete', changes: [] } }),
      ],
    };
    expect(changeRows(j).map((r) => [r.connector, r.direction, r.operation, r.attribute, r.oldValue, r.newValue])).toEqual([
      ['HR', 'Pending import', 'update', 'title', 'Dev', 'Lead'],
      ['AD', 'Pending export', 'delete', '', '', ''],
    ]);
  });
  it('lists the errors of every object', () => {
    const j: ObjectJourney = { mv: null, runs: [], objects: [object('AD', { errors: [{ kind: 'export', code: 'e', message: 'refused', at: 't', runId: null }] })] };
    expect(errorRows(j)).toMatchObject([{ connector: 'AD', kind: 'export', code: 'e', message: 'refused' }]);
  });
});
