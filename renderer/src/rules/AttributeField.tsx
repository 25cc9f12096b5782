// A text field with suggestions (attribute names, object types): any text may be typed, the list only helps.
import { Autocomplete, TextField } from '@mui/material';
import { rowLabel } from './VisuallyHidden.tsx';

export interface AttributeFieldProps {
  label: string;
  /** Read before the label but not shown (the row the field belongs to). */
  prefix?: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  width?: number | string;
  helperText?: string;
}

/** A free-text combobox: the field's accessible name is its label. */
export function AttributeField({ label, prefix, value, options, onChange, error, disabled, width = 220, helperText }: AttributeFieldProps) {
  return (
    <Autocomplete
      freeSolo
      disableClearable
      size="small"
      options={options as string[]}
      value={value}
      inputValue={value}
      disabled={disabled}
      onInputChange={(_, v, reason) => {
        if (reason !== 'reset' || v !== '') onChange(v);
      }}
      onChange={(_, v) => onChange(typeof v === 'string' ? v : '')}
      sx={{ width }}
      renderInput={(params) => <TextField {...params} label={prefix ? rowLabel(prefix, label) : label} error={Boolean(error)} helperText={error ?? helperText} />}
    />
  );
}
