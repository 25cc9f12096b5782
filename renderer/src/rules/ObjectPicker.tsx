// Chooses one object to try a rule or an expression on: a connector space object (connector and DN, with the
// first objects of the connector offered) or a metaverse object (found by display name or id).
import { useState } from 'react';
import { Box, FormControl, InputLabel, MenuItem, Select } from '@mui/material';
import type { TrialObject } from '../../../shared/model/rules-editor.ts';
import { useApiQuery } from '../api/hooks.ts';
import { AttributeField } from './AttributeField.tsx';

export interface PickedObject {
  readonly kind: 'cs' | 'mv';
  readonly connector: string;
  /** DN of a CS object, or the id (or "id · name") of an MV object. */
  readonly ref: string;
}

/** The API's object reference for a pick, or null while incomplete. */
export function trialObject(p: PickedObject): TrialObject | null {
  if (!p.ref.trim()) return null;
  if (p.kind === 'cs') return p.connector ? { kind: 'cs', connector: p.connector, dn: p.ref.trim() } : null;
  return { kind: 'mv', id: p.ref.split(' ')[0]!, ...(p.connector ? { connector: p.connector } : {}) };
}

export interface ObjectPickerProps {
  value: PickedObject;
  onChange: (v: PickedObject) => void;
  /** Only connector space objects (a rule preview synchronizes one). */
  csOnly?: boolean;
  /** Metaverse object type to offer objects of. */
  mvObjectType?: string;
  idPrefix: string;
}

/** Kind, connector and object fields. */
export function ObjectPicker({ value, onChange, csOnly, mvObjectType, idPrefix }: ObjectPickerProps) {
  const connectors = useApiQuery('connectors.list', {});
  const [typed, setTyped] = useState('');
  const cs = useApiQuery('cs.search', { connector: value.connector, search: { scope: 'all' }, limit: 200 }, { enabled: value.kind === 'cs' && Boolean(value.connector) });
  const mv = useApiQuery('mv.search', { objectType: mvObjectType || undefined, clauses: typed ? [{ attribute: 'displayName', operator: 'starts-with', value: typed }] : [], limit: 50 }, { enabled: value.kind === 'mv' });
  const options = value.kind === 'cs' ? (cs.data?.items ?? []).map((o) => o.dn) : (mv.data?.items ?? []).map((o) => `${o.id} · ${o.displayName ?? o.objectType}`);
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      {csOnly ? null : (
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel id={`${idPrefix}-kind`}>Object kind</InputLabel>
          <Select labelId={`${idPrefix}-kind`} label="Object kind" value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as PickedObject['kind'], ref: '' })}>
            <MenuItem value="cs">Connector space object</MenuItem>
            <MenuItem value="mv">Metaverse object</MenuItem>
          </Select>
        </FormControl>
      )}
      <FormControl size="small" sx={{ minWidth: 200 }}>
        <InputLabel id={`${idPrefix}-connector`}>{value.kind === 'cs' ? 'Connector' : 'Parameters of connector'}</InputLabel>
        <Select labelId={`${idPrefix}-connector`} label={value.kind === 'cs' ? 'Connector' : 'Parameters of connector'} value={value.connector} onChange={(e) => onChange({ ...value, connector: e.target.value, ref: value.kind === 'cs' ? '' : value.ref })}>
          {value.kind === 'mv' ? <MenuItem value="">(none)</MenuItem> : null}
          {(connectors.data ?? []).map((c) => <MenuItem key={c.id} value={c.name}>{c.name}</MenuItem>)}
        </Select>
      </FormControl>
      <AttributeField
        label={value.kind === 'cs' ? 'Distinguished name' : 'Metaverse object'}
        value={value.ref}
        options={options}
        onChange={(ref) => {
          if (value.kind === 'mv' && !/^\d+( ·|$)/.test(ref)) setTyped(ref);
          onChange({ ...value, ref });
        }}
        width={360}
        helperText={value.kind === 'mv' ? 'A metaverse object id, or type a display name to find one' : undefined}
      />
    </Box>
  );
}
