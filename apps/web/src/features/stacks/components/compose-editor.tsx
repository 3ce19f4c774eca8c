'use client';

import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { lintComposeText, type LintDiagnostic } from '@berth/compose/lint';

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid rgb(203 213 225)', borderRadius: '6px' },
  '&.cm-focused': { outline: '2px solid rgb(14 165 233 / 0.4)' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
    minHeight: '18rem',
  },
  '.cm-content': { minHeight: '18rem' },
});

const toDiagnostic = (d: LintDiagnostic): Diagnostic => ({
  from: d.from,
  to: d.to,
  severity: d.severity,
  message: d.message,
  source: 'compose',
});

/**
 * The compose file editor: CodeMirror 6 with YAML highlighting and a linter that runs
 * @berth/compose's own checks and underlines each problem where it is: YAML syntax and the keys
 * Berth does not support at once in the page, the Compose Specification's schema from the server
 * (`serverLint`; its validator is compiled code the page's CSP forbids). `env` is the stack's
 * `.env`, for interpolation. The view is made once and destroyed on unmount; a new `value` from
 * outside (an uploaded file, an old version) replaces the text.
 */
export function ComposeEditor({
  value,
  onChange,
  env = {},
  label,
  readOnly = false,
  serverLint,
}: {
  value: string;
  onChange?: (text: string) => void;
  env?: Record<string, string>;
  label: string;
  readOnly?: boolean;
  /** The full lint (schema included) from the server; the local lint when it fails. */
  serverLint?: (text: string) => Promise<LintDiagnostic[]>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const envRef = useRef(env);
  const serverLintRef = useRef(serverLint);
  onChangeRef.current = onChange;
  envRef.current = env;
  serverLintRef.current = serverLint;

  useEffect(() => {
    if (!host.current) return;
    const composeLinter = linter(
      async (v): Promise<Diagnostic[]> => {
        const text = v.state.doc.toString();
        const local = lintComposeText(text, envRef.current);
        const remote = serverLintRef.current;
        if (!remote || text.trim() === '') return local.map(toDiagnostic);
        try {
          return (await remote(text)).map(toDiagnostic);
        } catch {
          return local.map(toDiagnostic);
        }
      },
      { delay: 300 },
    );
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          composeLinter,
          theme,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // made once per mode: later `value`s are applied by the effect below
  }, [readOnly, label]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current !== value) v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  return <div ref={host} data-testid="compose-editor" className="bg-white text-slate-900" />;
}
