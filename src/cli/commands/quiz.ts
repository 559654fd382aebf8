import { dataDir, loadProgress, saveProgress } from '../../node/quiz-store.ts';
import { loadQuizBank } from '../../node/quiz-bank.ts';
import { loadRubric } from '../../node/library.ts';
import { createGrader, isAnswerError } from '../../quiz/grade.ts';
import { dueQueue, leeches, type ScheduleOptions } from '../../quiz/schedule.ts';
import { isOpen, Topic, type Question } from '../../quiz/schema.ts';
import { quizStats } from '../../quiz/stats.ts';
import { closest, formatIssue } from '../../scenario/issues.ts';
import { localize } from '../../scenario/schema.ts';
import { catalog, type Lang } from '../../text/messages.ts';
import { displayWidth, padEnd } from '../../text/width.ts';
import { EXIT, langOf, parseCommandArgs, UsageError, type Io } from '../io.ts';
import { quizText } from '../quiz/texts.ts';

const say = catalog({
  needsTerminal: {
    zh: "dojo quiz 需要在终端中运行。脚本和 CI 请用 'dojo quiz --list [--json]' 或 'dojo quiz --grade ID --answer TEXT --json'。\n",
    en: "dojo quiz needs a terminal. For scripts and CI use 'dojo quiz --list [--json]' or 'dojo quiz --grade ID --answer TEXT --json'.\n",
  },
  rubricBroken: { zh: '评分规则无法加载,请先修正以上问题。\n', en: 'The rubric failed to load; fix the problems above first.\n' },
  unknownQuestion: { zh: "未知的题目 '{id}'{suggestion}\n", en: "unknown question '{id}'{suggestion}\n" },
  unknown_option: { zh: "'{detail}' 不是这道题的选项(例如 --answer b 或 --answer a,c)\n", en: "'{detail}' is not an option of this question (e.g. --answer b or --answer a,c)\n" },
  not_true_false: { zh: "'{detail}' 不是判断题的答案(用 对/错 或 true/false)\n", en: "'{detail}' is not a true/false answer (use true/false or 对/错)\n" },
  empty: { zh: '答案是空的\n', en: 'the answer is empty\n' },
  unknown_question: { zh: "未知的题目 '{detail}'\n", en: "unknown question '{detail}'\n" },
  corrupt: {
    zh: '进度文件已损坏({detail}),已移到 {path};进度从头开始记录。\n',
    en: 'The progress file was corrupt ({detail}); it was moved to {path} and progress starts afresh.\n',
  },
  unreadable: { zh: '无法读取进度文件:{reason}\n', en: 'cannot read the progress file: {reason}\n' },
});

/** `dojo quiz`'s options, checked: usage mistakes become UsageError (exit 2). */
function readOptions(args: string[], env: Io['env']) {
  const { values, positionals } = parseCommandArgs(args, {
    topic: { type: 'string' },
    new: { type: 'string' },
    list: { type: 'boolean' },
    json: { type: 'boolean' },
    grade: { type: 'string' },
    answer: { type: 'string' },
    stats: { type: 'boolean' },
  });
  const lang = langOf(values.lang, env);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (values.topic !== undefined && !Topic.safeParse(values.topic).success) {
    const s = closest(values.topic, Topic.options);
    throw new UsageError(`unknown topic '${values.topic}'${s ? `, did you mean '${s}'?` : ''} (topics: ${Topic.options.join(', ')})`);
  }
  const newPerDay = values.new === undefined ? undefined : Number(values.new);
  if (newPerDay !== undefined && (!Number.isInteger(newPerDay) || newPerDay < 0 || values.new!.trim() === '')) {
    throw new UsageError(`--new must be a whole number of 0 or more, not '${values.new}'`);
  }
  if ((values.grade === undefined) !== (values.answer === undefined)) throw new UsageError('--grade ID and --answer TEXT go together');
  const modes = [values.list, values.grade !== undefined, values.stats].filter(Boolean).length;
  if (modes > 1) throw new UsageError('choose one of --list, --grade or --stats');
  if (values.json && modes === 0) throw new UsageError('--json goes with --list, --grade or --stats');
  return { values, lang, topic: values.topic as Topic | undefined, newPerDay };
}

/** One line of `--list`: id, type, topic, difficulty and the prompt. */
function listLine(q: Question, lang: Lang, idWidth: number): string {
  const prompt = localize(q.prompt, lang).replace(/\s+/g, ' ');
  const short = displayWidth(prompt) > 60 ? `${Array.from(prompt).slice(0, 30).join('')}…` : prompt;
  return `${padEnd(q.id, idWidth)}  ${padEnd(q.type, 10)}  ${padEnd(q.topic, 15)}  ${padEnd('★'.repeat(q.difficulty), 3)}  ${short}\n`;
}

export const quizCommand = {
  help: `Usage: dojo quiz [--topic T] [--new N] [--lang zh|en]
       dojo quiz --list [--topic T] [--json]
       dojo quiz --grade ID --answer TEXT [--json]
       dojo quiz --stats [--json]

Study for the customer-service manager exam with spaced repetition (FSRS). The interactive quiz
asks what is due: questions your practice reports brought forward, then learning steps, reviews
and up to N new questions a day (default 20). After each answer you see every key point hit or
missed, the reference answer and an explanation, and rate how well you knew it (Again, Hard, Good,
Easy; the grade suggests one). Progress is kept in the data folder (DOJO_DATA_DIR, else
$XDG_DATA_HOME/complaint-dojo or ~/.local/share/complaint-dojo). Needs a terminal.

  --list           print the question bank (with --json: every question as JSON)
  --grade ID       grade one answer without a terminal: --answer is an option letter ("b"),
                   letters ("a,c"), true/false (对/错) or the answer text;
                   --json prints { id, score, correct, hit, missed }
  --stats          due counts, retention, reviews per day, streak and leeches
  --topic T        only this topic (servqual, steps, motives, methods, …)
  --new N          new questions per day (default 20)
`,
  async run(args: string[], io: Io): Promise<number> {
    const { values, lang, topic, newPerDay } = readOptions(args, io.env);
    const interactive = !values.list && values.grade === undefined && !values.stats;
    if (interactive && !io.interactive) {
      io.err(say('needsTerminal', lang));
      return EXIT.usage;
    }
    const loaded = loadRubric();
    if (!loaded.rubric) {
      for (const issue of loaded.issues) io.err(`${formatIssue(issue, lang)}\n`);
      io.err(say('rubricBroken', lang));
      return EXIT.bad;
    }
    const { bank, issues } = loadQuizBank(undefined, loaded.rubric);
    for (const issue of issues) io.err(`${formatIssue(issue, lang)}\n`);
    const status = issues.length > 0 ? EXIT.bad : EXIT.ok;
    const questions = bank.questions.filter((q) => topic === undefined || q.topic === topic);
    const grader = createGrader(bank, loaded.rubric.negation);

    if (values.list) {
      if (values.json) io.out(`${JSON.stringify(questions, null, 2)}\n`);
      else {
        const idWidth = Math.max(2, ...questions.map((q) => q.id.length));
        for (const q of questions) io.out(listLine(q, lang, idWidth));
      }
      return status;
    }

    if (values.grade !== undefined) {
      const id = values.grade;
      if (!grader.question(id)) {
        const s = closest(id, bank.questions.map((q) => q.id));
        io.err(say('unknownQuestion', lang, { id, suggestion: s ? (lang === 'zh' ? `,是不是想写 '${s}'?` : `, did you mean '${s}'?`) : '' }));
        return EXIT.bad;
      }
      const grade = grader.grade(id, values.answer!);
      if (isAnswerError(grade)) {
        io.err(say(grade.error, lang, { detail: grade.detail }));
        return EXIT.bad;
      }
      if (values.json) {
        io.out(`${JSON.stringify({ id: grade.id, score: grade.score, correct: grade.correct, hit: grade.hit, missed: grade.missed })}\n`);
        return status;
      }
      const q = grader.question(id)!;
      const t = quizText;
      io.out(`${t(grade.correct ? 'correct' : 'wrong', lang)} · ${t('score', lang, { n: grade.score })}\n`);
      if (isOpen(q)) {
        io.out(`${t('keyPoints', lang)}:\n`);
        for (const k of q.key_points) io.out(`  ${grade.hit.includes(k.id) ? '✔' : '✘'} ${localize(k.text, lang)}\n`);
        io.out(`${t('reference', lang)}: ${localize(q.answer, lang)}\n`);
      } else {
        const answer =
          q.type === 'true_false' ? t(q.answer ? 'true' : 'false', lang)
          : q.type === 'fill' ? localize(q.answer, lang)
          : (typeof q.answer === 'string' ? [q.answer] : q.answer).map((a) => `${a.toUpperCase()}. ${localize(q.options.find((o) => o.id === a)!.text, lang)}`).join('; ');
        io.out(`${t('rightAnswer', lang, { answer })}\n`);
      }
      io.out(`${t('why', lang)}: ${localize(q.explanation, lang)}\n`);
      return status;
    }

    const dir = dataDir(io.env);
    const now = Date.now();
    const stored = loadProgress(dir, now);
    if (stored.unreadable) {
      io.err(say('unreadable', lang, { reason: stored.unreadable }));
      return EXIT.bad;
    }
    const corruptNote = stored.corrupt ? say('corrupt', lang, { detail: stored.corrupt.error.code, path: stored.corrupt.movedTo }) : undefined;
    if (corruptNote) io.err(corruptNote);
    const options: ScheduleOptions = { topic, newPerDay, tzOffsetMinutes: -new Date(now).getTimezoneOffset() };

    if (values.stats) {
      const counts = dueQueue(bank, stored.progress, now, options).counts;
      const stats = quizStats(stored.progress, now, options);
      const stuck = leeches(bank, stored.progress);
      if (values.json) io.out(`${JSON.stringify({ due: counts, stats, leeches: stuck })}\n`);
      else {
        io.out(`${quizText('due', lang, { ...counts })}\n`);
        const retention = stats.retention === null ? '—' : `${Math.round(stats.retention * 100)}%`;
        io.out(`${quizText('stats', lang, { today: stats.reviewsToday, retention, perDay: stats.reviewsPerDay, streak: stats.streak })}\n`);
        if (stuck.length > 0) io.out(`${quizText('leeches', lang, { ids: stuck.join(', ') })}\n`);
      }
      return corruptNote ? EXIT.bad : status;
    }

    // A terminal is attached, so ink must draw interactively even when the environment says CI.
    process.env.CI = '0';
    const { runQuiz } = await import('../quiz/run.tsx');
    await runQuiz({ bank, grader, progress: stored.progress, save: (p) => saveProgress(dir, p), options, lang, notice: corruptNote?.trim() });
    return status;
  },
};
