import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import cards from 'virtual:scenario-cards';
import type { DialogueState } from '../../src/dialogue/engine.ts';
import { replayReplies } from '../../src/dialogue/replay.ts';
import { scenarioCard } from '../../src/scenario/card.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import type { Lang } from '../../src/text/messages.ts';
import { HistoryScreen } from '../features/history/HistoryScreen.tsx';
import { LibraryScreen } from '../features/library/LibraryScreen.tsx';
import { LlmSettingsButton } from '../features/llm/LlmSettings.tsx';
import { PracticeScreen } from '../features/practice/PracticeScreen.tsx';
import { ReportScreen } from '../features/report/ReportScreen.tsx';
import { AttemptStore, type Attempt, type StoreNotice } from './attempts.ts';
import { CustomScenarioStore, type CustomFile } from './custom-scenarios.ts';
import type { CustomLibrary } from './library.ts';
import { useRoute } from './route.ts';
import { initialLang, t } from './texts.ts';

const LANG_KEY = 'complaint-dojo.lang';

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint32Array(2));
  return `${Date.now().toString(36)}-${bytes[0]!.toString(36)}`;
}

function newSeed(): number {
  return crypto.getRandomValues(new Int32Array(1))[0]!;
}

/**
 * The full library (rubric, scenarios, engine) is a separate chunk: the first screen needs only the
 * cards. It starts loading as soon as this module runs, so it is in memory before anyone clicks,
 * and practice keeps working offline once the page has loaded.
 */
const libraryReady = import('./library.ts').then((m) => ({ base: m.loadWebLibrary(), withCustom: m.withCustomScenarios }));
type Loaded = Awaited<typeof libraryReady>;
// The report's chart chunk is fetched while the trainee reads the library, for the same reason.
void import('../features/report/RadarChart.tsx');

// The editor (CodeMirror) is only fetched when someone opens the Author screen.
const AuthorScreen = lazy(() => import('../features/author/AuthorScreen.tsx'));
const QuizScreen = lazy(() => import('../features/quiz/QuizScreen.tsx'));

/** Typing delay before a customer line appears; `?delay=0` in the URL turns it off (tests, bench). */
const typingDelay = new URLSearchParams(window.location.search).get('delay') === '0' ? 0 : undefined;

/** The app shell: header, language switch, notices, and the four screens behind hash routes. */
export function App() {
  const [lang, setLangState] = useState<Lang>(() => initialLang(safeGet(LANG_KEY), navigator.languages ?? [navigator.language]));
  const [loaded, setLoaded] = useState<Loaded>();
  const store = useMemo(() => new AttemptStore(window.localStorage, Date.now), []);
  const customStore = useMemo(() => new CustomScenarioStore(window.localStorage, Date.now), []);
  const [customFiles, setCustomFiles] = useState<CustomFile[]>(() => customStore.list());
  // Shipped scenarios plus the ones written in this browser; a broken custom file is only an issue.
  const library: CustomLibrary | undefined = useMemo(() => loaded && loaded.withCustom(loaded.base, customFiles), [loaded, customFiles]);
  const allCards = useMemo(
    () => [...cards, ...(library ? library.scenarios.filter((s) => library.custom.has(s.id)).map((s) => ({ ...scenarioCard(s), custom: true })) : [])],
    [library],
  );
  const [attempts, setAttempts] = useState<Attempt[]>(() => store.list());
  const [notices, setNotices] = useState<StoreNotice[]>(() => [...store.notices, ...customStore.notices]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // Quiz questions brought forward by each finished attempt (practice feeds the quiz).
  const [fed, setFed] = useState<Record<string, number>>({});
  const [route, go] = useRoute();
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('brand', lang)} · ${lang === 'zh' ? 'Complaint Dojo' : '投诉道场'}`;
  }, [lang]);
  useEffect(() => {
    performance.mark('dojo:interactive');
    let live = true;
    void libraryReady.then((l) => {
      performance.mark('dojo:library-ready');
      // Then fetch the other screens in the background, so they also work if the network goes away.
      setTimeout(() => {
        for (const load of [() => import('../features/quiz/QuizScreen.tsx'), () => import('../features/author/AuthorScreen.tsx')]) load().catch(() => {});
      }, 500);
      if (live) setLoaded(l);
    });
    return () => { live = false; };
  }, []);
  // After a screen change (not on first load), move focus to the new heading so keyboard and
  // screen-reader users land on the new screen instead of a button that no longer exists.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.screen]);

  const setLang = (l: Lang) => {
    setLangState(l);
    try {
      window.localStorage.setItem(LANG_KEY, l);
    } catch {
      // Not being able to remember the language is harmless.
    }
  };

  const refresh = useCallback(() => {
    setAttempts(store.list());
    setCustomFiles(customStore.list());
    setNotices([...store.notices, ...customStore.notices]);
  }, [store, customStore]);

  const save = useCallback((a: Attempt) => {
    store.save(a);
    refresh();
  }, [store, refresh]);

  // `dialogue` is passed in when Start was clicked before the library had loaded: the state
  // captured by that click still has no library.
  const start = (scenario: Scenario, state?: DialogueState, draft?: string, dialogue = library?.dialogue) => {
    if (!dialogue) return;
    const s = state ?? dialogue.startSession(scenario, { seed: newSeed(), now: Date.now(), lang }).state;
    const attempt: Attempt = { id: newId(), scenario: scenario.id, state: s, ended: false };
    save(attempt);
    if (draft !== undefined) setDrafts((d) => ({ ...d, [attempt.id]: draft }));
    go({ screen: 'practice', attempt: attempt.id });
  };

  const finish = (a: Attempt) => {
    const report = library!.dialogue!.report(a.state);
    save({ ...a, ended: true, total: report.total, dimensions: { ...report.dimensions } });
    go({ screen: 'report', attempt: a.id });
    // Missed steps and red flags make the matching exam questions due first.
    const rubric = library!.rubric!;
    import('../features/quiz/quiz-data.ts')
      .then((m) => {
        const ids = m.feedQuizFromPractice(window.localStorage, rubric, report, Date.now());
        if (ids.length > 0) setFed((f) => ({ ...f, [a.id]: ids.length }));
      })
      .catch(() => {
        // The quiz chunk could not be fetched (offline before it was cached): practice is unaffected.
      });
  };

  const rewrite = (a: Attempt, scenario: Scenario, replyIndex: number, text: string) => {
    const state = replayReplies(library!.dialogue!, scenario, a.state, replyIndex, Date.now());
    start(scenario, state, text);
  };

  const byId = (id: string) => attempts.find((a) => a.id === id);
  const scenarioOf = (a: Attempt | undefined) => (a ? library?.scenarios.find((s) => s.id === a.scenario) : undefined);
  const startById = (id: string) => {
    void libraryReady.then((l) => {
      const s = (library ?? l.base).scenarios.find((x) => x.id === id);
      if (s && l.base.dialogue) start(s, undefined, undefined, l.base.dialogue);
    });
  };
  const playTest = (name: string) => {
    const lib = loaded && loaded.withCustom(loaded.base, customStore.list());
    const s = lib?.scenarios.find((x) => x.id === lib.idOfFile.get(name));
    if (s) start(s);
  };
  const libraryScreen = (
    <LibraryScreen
      lang={lang}
      cards={allCards}
      issues={{ list: library?.issues ?? [], unusable: library !== undefined && !library.dialogue }}
      fold={library?.fold}
      attempts={attempts}
      onStart={startById}
      onResume={(a) => go({ screen: 'practice', attempt: a.id })}
    />
  );

  let screen: React.ReactNode;
  if (route.screen === 'library' || (library && (!library.dialogue || !library.rubric))) {
    screen = libraryScreen;
  } else if (!library || !library.dialogue || !library.rubric) {
    screen = <p role="status" className="muted">{t('loading', lang)}</p>;
  } else if (route.screen === 'practice' || route.screen === 'report') {
    const a = byId(route.attempt);
    const scenario = scenarioOf(a);
    if (!a) screen = <Missing lang={lang} text={t('notFound', lang)} onBack={() => go({ screen: 'library' })} />;
    else if (!scenario) screen = <Missing lang={lang} text={t('scenarioGone', lang, { id: a.scenario })} onBack={() => go({ screen: 'library' })} />;
    else if (route.screen === 'practice' && !a.ended) {
      screen = (
        <PracticeScreen
          key={a.id}
          lang={lang}
          attempt={a}
          scenario={scenario}
          dialogue={library.dialogue}
          typingDelay={typingDelay}
          draft={drafts[a.id] ?? ''}
          onDraft={(text) => setDrafts((d) => ({ ...d, [a.id]: text }))}
          onSave={save}
          onFinish={finish}
        />
      );
    } else {
      screen = (
        <ReportScreen
          key={a.id}
          lang={lang}
          attempt={a}
          scenario={scenario}
          rubric={library.rubric}
          dialogue={library.dialogue}
          onRetry={() => start(scenario)}
          onRewrite={(replyIndex, text) => rewrite(a, scenario, replyIndex, text)}
          onLibrary={() => go({ screen: 'library' })}
        />
      );
      if (fed[a.id]) {
        screen = (
          <>
            <p className="quiz-fed" role="status" data-testid="quiz-fed">
              {t('quizFed', lang, { n: fed[a.id]! })} <a href="#/quiz">{t('openQuiz', lang)}</a>
            </p>
            {screen}
          </>
        );
      }
    }
  } else if (route.screen === 'quiz') {
    screen = (
      <Suspense fallback={<p role="status" className="muted">{t('loading', lang)}</p>}>
        <QuizScreen lang={lang} rubric={library.rubric} onNotice={(n) => setNotices((list) => [...list, n])} />
      </Suspense>
    );
  } else if (route.screen === 'author') {
    screen = (
      <Suspense fallback={<p role="status" className="muted">{t('loading', lang)}</p>}>
        <AuthorScreen
          lang={lang}
          rubric={library.rubric}
          files={customFiles}
          onSave={(f) => { const ok = customStore.save(f); refresh(); return ok; }}
          onDelete={(name) => { customStore.remove(name); refresh(); }}
          onPlayTest={playTest}
        />
      </Suspense>
    );
  } else if (route.screen === 'history') {
    screen = (
      <HistoryScreen
        lang={lang}
        attempts={attempts}
        scenarios={library.scenarios}
        rubric={library.rubric}
        store={store}
        onChanged={refresh}
        onOpen={(a) => go({ screen: a.ended ? 'report' : 'practice', attempt: a.id })}
      />
    );
  } else {
    screen = libraryScreen;
  }

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.querySelector<HTMLElement>('h1')?.focus(); }}>
        {t('skip', lang)}
      </a>
      <header className="app-header">
        <a className="brand" href="#/library">
          <span aria-hidden="true" className="brand-mark">◉</span> {t('brand', lang)}
        </a>
        <nav aria-label={lang === 'zh' ? '主导航' : 'Main'}>
          <a href="#/library" aria-current={route.screen === 'library' ? 'page' : undefined}>{t('navLibrary', lang)}</a>
          <a href="#/history" aria-current={route.screen === 'history' ? 'page' : undefined}>{t('navHistory', lang)}</a>
          <a href="#/quiz" aria-current={route.screen === 'quiz' ? 'page' : undefined}>{t('navQuiz', lang)}</a>
          <a href="#/author" aria-current={route.screen === 'author' ? 'page' : undefined}>{t('navAuthor', lang)}</a>
        </nav>
        <LlmSettingsButton lang={lang} />
        <button type="button" className="lang-switch" data-testid="lang-switch" lang={lang === 'zh' ? 'en' : 'zh-CN'} aria-label={t('switchLangLabel', lang)} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('switchLang', lang)}
        </button>
      </header>
      {notices.length > 0 && (
        <div className="notices" role="alert" data-testid="store-notice">
          {notices.map((n, i) => (
            <p key={i}>{t(n.code, lang, n as unknown as Record<string, string | number>)}</p>
          ))}
          <button type="button" onClick={() => { store.notices.length = 0; customStore.notices.length = 0; setNotices([]); }}>{t('dismiss', lang)}</button>
        </div>
      )}
      <main id="main" ref={mainRef}>
        {screen}
      </main>
    </>
  );
}

function Missing({ lang, text, onBack }: { lang: Lang; text: string; onBack: () => void }) {
  return (
    <section>
      <h1 tabIndex={-1}>{t('reportTitle', lang)}</h1>
      <p>{text}</p>
      <button type="button" onClick={onBack}>{t('backToLibrary', lang)}</button>
    </section>
  );
}

function safeGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
