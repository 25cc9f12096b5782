// The expression field of a transformation: CodeMirror with highlighting, completion of functions, attributes
// and parameters, the engine's diagnostics inline at the parser's position (and listed under the field), the
// function reference, and "Try it" on a real object.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, FormHelperText, Typography } from '@mui/material';
import FunctionsIcon from '@mui/icons-material/Functions';
import ScienceIcon from '@mui/icons-material/Science';
import { minimalSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { syntaxHighlighting } from '@codemirror/language';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { ExpressionDiagnostic, ExpressionSource } from '../../../shared/model/rules-editor.ts';
import { useApiQuery } from '../api/hooks.ts';
import { diagnosticRange, expressionCompletions, expressionHighlight, expressionLanguage, type CompletionData } from './expression-language.ts';
import { FunctionReference } from './FunctionReference.tsx';
import { TrialPanel } from './TrialPanel.tsx';
import type { PickedObject } from './ObjectPicker.tsx';

/** Parameters every connector may define (spec §1.2); the checker knows the ones a connector really has. */
const PARAMETERS = ['Connector.ID', 'Connector.Name', 'Domain.FQDN', 'Domain.LDAP', 'Domain.Netbios', 'Forest.FQDN', 'Forest.LDAP', 'Forest.Netbios'];

export interface ExpressionEditorProps {
  /** Accessible name of the editor. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What the expression reads (for checking attribute names and parameters). */
  source?: ExpressionSource;
  attributes: readonly string[];
  /** A problem of the whole rule on this field. */
  error?: string;
  readOnly?: boolean;
  /** Where "Try it" starts. */
  trial: PickedObject;
  mvObjectType?: string;
  idPrefix: string;
}

/** Debounces a value. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** The editor, its problems, and the Functions and Try it buttons. */
export function ExpressionEditor(props: ExpressionEditorProps) {
  const { label, value, onChange, source, attributes, error, readOnly, idPrefix } = props;
  const host = useRef<HTMLDivElement | null>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const changed = useRef(onChange);
  changed.current = onChange;
  const functions = useApiQuery('expressions.functions', {}, { staleTime: Infinity });
  const completion = useRef<CompletionData>({ functions: [], attributes: [], parameters: PARAMETERS });
  completion.current = { functions: functions.data ?? [], attributes, parameters: PARAMETERS };
  const [dialog, setDialog] = useState<'functions' | null>(null);
  const [trying, setTrying] = useState(false);

  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        minimalSetup,
        expressionLanguage,
        syntaxHighlighting(expressionHighlight),
        autocompletion({ override: [expressionCompletions(() => completion.current)], activateOnTyping: true }),
        keymap.of(completionKeymap),
        placeholder('e.g. IIF(IsPresent([mail]), LCase([mail]), NULL)'),
        EditorView.lineWrapping,
        editable.current.of([EditorView.editable.of(!readOnly), EditorState.readOnly.of(Boolean(readOnly))]),
        EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) changed.current(u.state.doc.toString());
        }),
        EditorView.theme({
          '&': { border: '1px solid', borderColor: 'rgba(127,127,127,0.5)', borderRadius: '4px', fontSize: '13px' },
          '&.cm-focused': { outline: '2px solid #1976d2' },
          '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '2.2em', padding: '6px 0' },
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is made once; later value and readOnly changes are pushed into it below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);
  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorView.editable.of(!readOnly), EditorState.readOnly.of(Boolean(readOnly))]) });
  }, [readOnly]);

  const checked = useDebounced(value, 250);
  const check = useApiQuery('expressions.check', { expression: checked, source }, { enabled: !readOnly, placeholderData: (prev) => prev });
  const diagnostics: readonly ExpressionDiagnostic[] = useMemo(() => (checked === value ? (check.data ?? []) : []), [check.data, checked, value]);
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const text = v.state.doc.toString();
    const marks: Diagnostic[] = text === checked ? diagnostics.map((d) => ({ ...diagnosticRange(text, d.offset), severity: d.severity, message: d.message })) : [];
    v.dispatch(setDiagnostics(v.state, marks));
  }, [diagnostics, checked]);

  const insert = (name: string) => {
    const v = view.current;
    setDialog(null);
    if (!v) return;
    const at = v.state.selection.main;
    v.dispatch({ changes: { from: at.from, to: at.to, insert: `${name}(` }, selection: { anchor: at.from + name.length + 1 } });
    v.focus();
  };

  return (
    <Box sx={{ flex: 1, minWidth: 280 }}>
      <Typography variant="caption" color="text.secondary" component="div">{label}</Typography>
      <div ref={host} />
      {diagnostics.length ? (
        <Box component="ul" aria-label={`Problems of ${label}`} sx={{ m: 0, pl: 2 }}>
          {diagnostics.map((d, i) => (
            <Typography key={i} component="li" variant="caption" color={d.severity === 'error' ? 'error' : 'warning.main'}>
              {d.severity === 'error' ? 'Error' : 'Warning'} at line {d.line}, column {d.column}: {d.message}
            </Typography>
          ))}
        </Box>
      ) : null}
      {error ? <FormHelperText error>{error}</FormHelperText> : null}
      {readOnly ? null : (
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button size="small" startIcon={<FunctionsIcon />} onClick={() => setDialog('functions')} aria-label={`Functions for ${label}`}>
            Functions
          </Button>
          <Button size="small" startIcon={<ScienceIcon />} onClick={() => setTrying(!trying)} aria-expanded={trying} aria-label={`Try it: ${label}`}>
            Try it
          </Button>
        </Box>
      )}
      {trying ? <TrialPanel expression={value} initial={props.trial} mvObjectType={props.mvObjectType} idPrefix={idPrefix} label={label} /> : null}
      {dialog === 'functions' ? <FunctionReference onInsert={insert} onClose={() => setDialog(null)} /> : null}
    </Box>
  );
}
