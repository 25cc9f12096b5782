import { describe, expect, it } from 'vitest';
import { configRows, connectorExportDocument, maskSecrets } from './connector-export.ts';
import { SECRET_MASK, type ConnectorDetail } from '../../../shared/model/connectors.ts';

const detail: ConnectorDetail = {
  id: 'c1', name: 'HR', type: 'file', description: 'HR feed', state: 'idle', createdAt: '2026-01-01T00:00:00Z', objectCount: 3, lastRun: null,
  config: { path: 'hr.csv', bind: { user: 'cn=svc', password: 'hunter2' }, apiToken: 'abc', empty: '' },
  secretFields: ['bind.password'],
  runProfiles: [{ name: 'Full Import', steps: [{ type: 'full-import' }] }],
  deleteThreshold: 500,
};

describe('connector export', () => {
  it('masks declared and obvious secrets at any depth and keeps the rest', () => {
    const doc = connectorExportDocument(detail);
    expect(JSON.stringify(doc)).not.toContain('hunter2');
    expect(JSON.stringify(doc)).not.toContain('"abc"');
    expect(doc).toMatchObject({ format: 'idsync-connector', name: 'HR', config: { path: 'hr.csv', bind: { user: 'cn=svc', password: SECRET_MASK }, apiToken: SECRET_MASK, empty: '' }, deleteThreshold: 500 });
  });
  it('does not mask a secret field that is unset', () => {
    expect(maskSecrets({ password: '' }, [])).toEqual({ password: '' });
  });
  it('flattens configuration to dotted rows for the properties view', () => {
    const rows = configRows(detail.config, detail.secretFields);
    expect(rows).toContainEqual({ path: 'bind.password', value: SECRET_MASK, secret: true });
    expect(rows).toContainEqual({ path: 'bind.user', value: 'cn=svc', secret: false });
    expect(rows.map((r) => r.value).join()).not.toContain('hunter2');
  });
});
