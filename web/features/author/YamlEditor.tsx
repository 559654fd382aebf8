import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { Issue } from '../../../src/scenario/issues.ts';

/** Character offset of a 1-based line:col in `view`'s document, clamped to the document. */
export function offsetOf(view: EditorView, line: number, col: number): number {
  const doc = view.state.doc;
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, col - 1), l.to);
}

/**
 * A CodeMirror 6 YAML editor. `lint(text)` runs shortly after each change; its issues become gutter
 * markers and underlines at their line:col. Tab is left to the browser so keyboard users can
 * leave the editor (indent with spaces or Ctrl+]).
 */
export function YamlEditor({ initial, label, lint, render, onChange, onView }: {
  initial: string;
  label: string;
  lint: (text: string) => Issue[];
  render: (issue: Issue) => string;
  onChange: (text: string) => void;
  onView?: (view: EditorView) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  // The editor is created once; later props reach it through these refs.
  const latest = useRef({ lint, render, onChange });
  latest.current = { lint, render, onChange };

  useEffect(() => {
    const source = (view: EditorView): Diagnostic[] =>
      latest.current.lint(view.state.doc.toString()).map((i) => {
        const from = offsetOf(view, i.line, i.col);
        const lineEnd = view.state.doc.lineAt(from).to;
        return { from, to: Math.max(from + 1, lineEnd) > view.state.doc.length ? from : Math.max(from + 1, lineEnd), severity: i.severity, message: latest.current.render(i) };
      });
    const view = new EditorView({
      doc: initial,
      parent: host.current!,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        linter(source, { delay: 250 }),
        EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'yaml-editor' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) latest.current.onChange(u.state.doc.toString()); }),
      ],
    });
    // Keyboard users can reach and scroll the editor frame itself (axe: scrollable-region-focusable).
    view.scrollDOM.tabIndex = 0;
    onView?.(view);
    return () => view.destroy();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return <div className="yaml-editor" ref={host} />;
}
