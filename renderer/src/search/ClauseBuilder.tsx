// The clause grid of Metaverse Search and Search Connector Space: attribute, operator, value per row; rows are ANDed.
import { Box, Button, FormControl, IconButton, InputLabel, MenuItem, Select, TextField, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import type { MvAttributeDef, MvOperator } from '../../../shared/model/metaverse.ts';
import { operatorInfo, operatorsFor, type ClauseDraft } from './clauses.ts';

export interface ClauseBuilderProps {
  attributes: readonly MvAttributeDef[];
  clauses: readonly ClauseDraft[];
  onChange: (clauses: ClauseDraft[]) => void;
}

// Text for screen readers only: the clause number in each control's accessible name.
function Hidden({ children }: { children: ReactNode }) {
  return (
    <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>
      {children}
    </Box>
  );
}

let nextId = 1;
/** A fresh empty clause row. */
export function newClause(): ClauseDraft {
  return { id: nextId++, attribute: '', operator: 'equals', value: '' };
}

/** Rows of attribute / operator / value with Add clause and Remove clause. */
export function ClauseBuilder({ attributes, clauses, onChange }: ClauseBuilderProps) {
  const update = (id: number, patch: Partial<ClauseDraft>) => onChange(clauses.map((c) => (c.id === id ? { ...c, ...patch } : c)));
  return (
    <Box role="group" aria-label="Search clauses" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {clauses.length === 0 ? <Typography variant="body2" color="text.secondary">No clauses: every object in the scope matches.</Typography> : null}
      {clauses.map((c, i) => {
        const n = i + 1;
        const def = attributes.find((a) => a.name === c.attribute);
        const ops = operatorsFor(def?.type);
        const info = operatorInfo(c.operator);
        return (
          <Box key={c.id} sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2" sx={{ width: 36 }}>{i === 0 ? 'Where' : 'And'}</Typography>
            <FormControl size="small" sx={{ minWidth: 220 }}>
              <InputLabel id={`clause-${c.id}-attr`}>
                <Hidden>Clause {n} </Hidden>Attribute
              </InputLabel>
              <Select
                labelId={`clause-${c.id}-attr`}
                label="Attribute"
                value={c.attribute}
                onChange={(e) => {
                  const type = attributes.find((a) => a.name === e.target.value)?.type;
                  // Keep the operator when it still applies to the new attribute's type.
                  const operator = operatorsFor(type).some((o) => o.operator === c.operator) ? c.operator : 'equals';
                  update(c.id, { attribute: e.target.value, operator });
                }}
              >
                {attributes.map((a) => (
                  <MenuItem key={a.name} value={a.name}>
                    {a.name}
                    {a.indexed ? ' (indexed)' : ''}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <FormControl size="small" sx={{ minWidth: 170 }}>
              <InputLabel id={`clause-${c.id}-op`}>
                <Hidden>Clause {n} </Hidden>Operator
              </InputLabel>
              <Select
                labelId={`clause-${c.id}-op`}
                label="Operator"
                value={c.operator}
                onChange={(e) => update(c.id, { operator: e.target.value as MvOperator })}
              >
                {ops.map((o) => (
                  <MenuItem key={o.operator} value={o.operator}>
                    {o.label}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <TextField
              label="Value"
              value={info.needsValue ? c.value : ''}
              disabled={!info.needsValue}
              onChange={(e) => update(c.id, { value: e.target.value })}
              slotProps={{ htmlInput: { 'aria-label': `Clause ${n} value` } }}
              sx={{ flex: 1, minWidth: 180 }}
            />
            <Tooltip title="Remove clause">
              <IconButton aria-label={`Remove clause ${n}`} onClick={() => onChange(clauses.filter((x) => x.id !== c.id))}>
                <DeleteIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Box>
        );
      })}
      <Box>
        <Button startIcon={<AddIcon />} onClick={() => onChange([...clauses, newClause()])}>
          Add clause
        </Button>
      </Box>
    </Box>
  );
}
