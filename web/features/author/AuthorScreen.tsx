import type { EditorView } from 'codemirror';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { lintScenario, playabilityCheck } from '../../../src/dialogue/playable.ts';
import type { CompiledRubric } from '../../../src/rubric/compile.ts';
import { renderIssue, type Issue } from '../../../src/scenario/issues.ts';
import { SCENARIO_ID, starterScenario } from '../../../src/scenario/starter.ts';
import type { Lang } from '../../../src/text/messages.ts';
import { CUSTOM_MAX_CHARS, customFileName, type CustomFile } from '../../app/custom-scenarios.ts';
import { downloadText } from '../../app/download.ts';
import { customSourceName } from '../../app/library.ts';
import { t } from '../../app/texts.ts';
import { offsetOf, YamlEditor } from './YamlEditor.tsx';

/**
 * The Author screen: custom scenario files on the left; a YAML editor with live checks (gutter
 * markers and a list, each at its line:col); save, download, import, delete; and Play-test,
 * which opens Practice on the edited scenario. Loaded on demand (CodeMirror is large).
 */
export default function AuthorScreen({ lang, rubric, files, onSave, onDelete, onPlayTest }: {
  lang: Lang;
  rubric: CompiledRubric;
  files: readonly CustomFile[];
  onSave: (file: CustomFile) => boolean;
  onDelete: (name: string) => void;
  onPlayTest: (name: string) => void;
}) {
  const [selected, setSelected] = useState<string | undefined>(files[0]?.name);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [newId, setNewId] = useState('my-scenario');
  const [newLang, setNewLang] = useState<Lang>(lang);
  const [message, setMessage] = useState('');
  const view = useRef<EditorView>(undefined);
  const importRef = useRef<HTMLInputElement>(null);
  const check = useMemo(() => playabilityCheck(rubric), [rubric]);
  const lint = (name: string, text: string): Issue[] => lintScenario(text, rubric, { file: customSourceName(name), check }).issues;

  const file = files.find((f) => f.name === selected);
  const text = selected !== undefined ? (drafts[selected] ?? file?.text ?? '') : '';
  const deferred = useDeferredValue(text);
  const issues = useMemo(() => (selected ? lint(selected, deferred) : []), [selected, deferred, rubric]); // eslint-disable-line react-hooks/exhaustive-deps
  const errors = issues.filter((i) => i.severity === 'error').length;
  const dirty = file !== undefined && drafts[file.name] !== undefined && drafts[file.name] !== file.text;

  const save = (name: string, body: string): boolean => {
    if (body.length > CUSTOM_MAX_CHARS) {
      setMessage(t('authorTooLarge', lang, { name }));
      return false;
    }
    const ok = onSave({ name, text: body, updatedAt: Date.now() });
    if (ok) setDrafts((d) => { const { [name]: _, ...rest } = d; return rest; });
    setMessage(ok ? t('authorSaved', lang, { name }) : t('authorSaveFailed', lang));
    return ok;
  };

  const create = () => {
    const id = newId.trim();
    if (!SCENARIO_ID.test(id)) {
      setMessage(t('authorBadId', lang));
      return;
    }
    const name = customFileName(id);
    if (files.some((f) => f.name === name)) {
      setMessage(t('authorExists', lang, { name }));
      return;
    }
    if (save(name, starterScenario(id, newLang))) setSelected(name);
  };

  const importFiles = async (list: FileList) => {
    const done: string[] = [];
    for (const f of Array.from(list)) {
      if (f.size > CUSTOM_MAX_CHARS) {
        setMessage(t('authorTooLarge', lang, { name: f.name }));
        continue;
      }
      const name = customFileName(f.name);
      if (save(name, (await f.text()).replace(/^\uFEFF/, ''))) done.push(name);
    }
    if (done.length) {
      setSelected(done[0]);
      setMessage(t('authorImported', lang, { names: done.join(', ') }));
    }
  };

  const download = () => { if (selected) downloadText(selected, text, 'application/yaml'); };

  const jump = (i: Issue) => {
    const v = view.current;
    if (!v) return;
    const at = offsetOf(v, i.line, i.col);
    v.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    v.focus();
  };

  return (
    <section className="author" aria-labelledby="author-title">
      <h1 id="author-title" tabIndex={-1}>{t('authorTitle', lang)}</h1>
      <p className="lede">{t('authorLede', lang)}</p>
      <div className="author-grid">
        <aside className="panel author-files" aria-label={t('authorFiles', lang)}>
          <h2>{t('authorFiles', lang)}</h2>
          {files.length === 0 ? <p className="muted">{t('authorNoFiles', lang)}</p> : (
            <ul data-testid="author-files">
              {files.map((f) => (
                <li key={f.name}>
                  <button type="button" className="quiet" aria-current={f.name === selected ? 'true' : undefined} onClick={() => setSelected(f.name)}>{f.name}</button>
                </li>
              ))}
            </ul>
          )}
          <form className="author-new" onSubmit={(e) => { e.preventDefault(); create(); }}>
            <label>
              <span>{t('authorNewId', lang)}</span>
              <input value={newId} onChange={(e) => setNewId(e.target.value)} data-testid="author-new-id" spellCheck={false} />
            </label>
            <label>
              <span>{t('authorNewLang', lang)}</span>
              <select value={newLang} onChange={(e) => setNewLang(e.target.value as Lang)}>
                <option value="zh">中文</option>
                <option value="en">English</option>
              </select>
            </label>
            <button type="submit" data-testid="author-new">{t('authorNew', lang)}</button>
          </form>
          <button type="button" onClick={() => importRef.current?.click()} data-testid="author-import">{t('authorImport', lang)}</button>
          <input ref={importRef} type="file" accept=".yaml,.yml,application/yaml,text/yaml" multiple hidden data-testid="author-import-file"
            onChange={(e) => { if (e.target.files) void importFiles(e.target.files); e.target.value = ''; }} />
        </aside>

        <div className="author-main">
          <p role="status" className="muted" data-testid="author-message">{message}</p>
          {selected && file ? (
            <>
              <h2>{selected}{dirty && <span className="muted"> · {t('authorUnsaved', lang)}</span>}</h2>
              <YamlEditor
                key={selected}
                initial={text}
                label={t('authorEditorLabel', lang, { name: selected })}
                lint={(body) => lint(selected, body)}
                render={(i) => renderIssue(i, lang)}
                onChange={(body) => setDrafts((d) => ({ ...d, [selected]: body }))}
                onView={(v) => { view.current = v; }}
              />
              <div className="author-actions">
                <button type="button" className="primary" disabled={errors > 0} onClick={() => { if (save(selected, text)) onPlayTest(selected); }} data-testid="author-playtest">{t('authorPlayTest', lang)}</button>
                <button type="button" onClick={() => save(selected, text)} data-testid="author-save">{t('authorSave', lang)}</button>
                <button type="button" onClick={download} data-testid="author-download">{t('authorDownload', lang)}</button>
                <button type="button" className="quiet" onClick={() => { onDelete(selected); setSelected(undefined); }} data-testid="author-delete">{t('authorDelete', lang)}</button>
              </div>
              <h3>{issues.length === 0 ? t('authorClean', lang) : t('authorProblems', lang, { errors, warnings: issues.length - errors })}</h3>
              <ul className="author-issues" data-testid="author-issues">
                {issues.map((i, n) => (
                  <li key={n} data-testid="author-issue" data-severity={i.severity} data-code={i.code} data-line={i.line}>
                    <button type="button" className="quiet" onClick={() => jump(i)}>{i.line}:{i.col}</button>{' '}
                    <span className={`sev sev-${i.severity}`}>{i.severity === 'error' ? t('authorError', lang) : t('authorWarning', lang)}</span>{' '}
                    {renderIssue(i, lang)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('authorPick', lang)}</p>
          )}
        </div>
      </div>
    </section>
  );
}
