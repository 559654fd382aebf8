import { catalog } from '../../text/messages.ts';

/** Every label of the terminal quiz screens and of `dojo quiz`'s script output, in zh and en. */
export const quizText = catalog({
  due: { zh: '待做:新题 {new} · 学习中 {learning} · 复习 {review}', en: 'Due: new {new} · learning {learning} · review {review}' },
  boosted: { zh: '(其中 {n} 道来自你的练习报告)', en: '({n} brought forward by your practice report)' },
  progressOf: { zh: '本次已做 {n} 题', en: '{n} answered this session' },
  type_single: { zh: '单选题', en: 'Single choice' },
  type_multiple: { zh: '多选题', en: 'Multiple choice' },
  type_true_false: { zh: '判断题', en: 'True or false' },
  type_fill: { zh: '填空题', en: 'Fill in the blank' },
  type_short: { zh: '简答题', en: 'Short answer' },
  type_case: { zh: '案例分析题', en: 'Case analysis' },
  caseLabel: { zh: '案例', en: 'Case' },
  true: { zh: '对', en: 'True' },
  false: { zh: '错', en: 'False' },
  keysSingle: { zh: '↑↓ 选择 · 回车 提交 · Esc 退出', en: '↑↓ move · Enter submit · Esc quit' },
  keysMultiple: { zh: '↑↓ 移动 · 空格 勾选 · 回车 提交 · Esc 退出', en: '↑↓ move · Space toggle · Enter submit · Esc quit' },
  keysText: { zh: '回车 提交 · Esc 退出', en: 'Enter submit · Esc quit' },
  typeAnswer: { zh: '输入你的答案……', en: 'Type your answer…' },
  correct: { zh: '✔ 回答正确', en: '✔ Correct' },
  wrong: { zh: '✘ 回答错误', en: '✘ Not quite' },
  score: { zh: '得分 {n}/100', en: 'Score {n}/100' },
  keyPoints: { zh: '要点', en: 'Key points' },
  rightAnswer: { zh: '正确答案:{answer}', en: 'Answer: {answer}' },
  reference: { zh: '参考答案', en: 'Reference answer' },
  why: { zh: '解析', en: 'Explanation' },
  source: { zh: '出处:{source}', en: 'Source: {source}' },
  rate: { zh: '记得怎么样?', en: 'How well did you know it?' },
  rating_1: { zh: '重来', en: 'Again' },
  rating_2: { zh: '困难', en: 'Hard' },
  rating_3: { zh: '良好', en: 'Good' },
  rating_4: { zh: '简单', en: 'Easy' },
  keysRate: { zh: '←→ 或 1-4 调整 · 回车 确认并下一题 · Esc 退出', en: '←→ or 1-4 to change · Enter confirm and next · Esc quit' },
  suggested: { zh: '建议', en: 'suggested' },
  doneTitle: { zh: '今天没有更多待做的题了', en: 'Nothing more is due today' },
  stats: {
    zh: '今日复习 {today} 次 · 近 30 天保持率 {retention} · 日均 {perDay} 次 · 连续 {streak} 天',
    en: 'Reviews today {today} · 30-day retention {retention} · {perDay} a day · streak {streak} days',
  },
  leeches: { zh: '屡做屡错的题(换个方法记):{ids}', en: 'Leeches (try another way to learn these): {ids}' },
  keysDone: { zh: '按 q 退出', en: 'Press q to quit' },
  minutes: { zh: '{n}分钟', en: '{n}m' },
  hours: { zh: '{n}小时', en: '{n}h' },
  days: { zh: '{n}天', en: '{n}d' },
  months: { zh: '{n}个月', en: '{n}mo' },
});

/** A time span as the rating buttons show it: 10m, 3h, 4d, 2mo. */
export function formatInterval(ms: number, lang: 'zh' | 'en'): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return quizText('minutes', lang, { n: minutes });
  if (minutes < 24 * 60) return quizText('hours', lang, { n: Math.round(minutes / 60) });
  const days = Math.round(minutes / (24 * 60));
  return days < 31 ? quizText('days', lang, { n: days }) : quizText('months', lang, { n: Math.round(days / 30) });
}
