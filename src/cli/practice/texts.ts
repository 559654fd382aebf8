import { catalog } from '../../text/messages.ts';

/** Every label of the terminal practice screens, in zh and en. */
export const practiceText = catalog({
  pickTitle: { zh: '选择一个场景(↑↓ 选择,回车开始,q 退出)', en: 'Pick a scenario (↑↓ to move, Enter to start, q to quit)' },
  youAre: { zh: '你扮演:{role}  ·  {place}', en: 'You are: {role}  ·  {place}' },
  customer: { zh: '顾客', en: 'Customer' },
  you: { zh: '你', en: 'You' },
  anger: { zh: '怒气', en: 'Anger' },
  keys: { zh: '回车 发送 · Tab 提示 · Esc 结束', en: 'Enter send · Tab hints · Esc end' },
  hint: { zh: '提示', en: 'Hint' },
  noHint: { zh: '继续保持。', en: 'Keep going.' },
  typeHere: { zh: '输入你的回复……', en: 'Type your reply…' },
  outcome_resolved: { zh: '顾客接受了你的处理', en: 'The customer accepts your handling' },
  outcome_escalated: { zh: '顾客愤而离开,扬言要{threat}', en: 'The customer walks out to take it {threat}' },
  outcome_timeout: { zh: '顾客失去了耐心', en: 'The customer ran out of patience' },
  outcome_ongoing: { zh: '练习结束(未完成)', en: 'Session ended (unfinished)' },
  report: { zh: '报告 — 按 q 退出', en: 'Report — press q to quit' },
  total: { zh: '总分 {n}/100', en: 'Total {n}/100' },
  steps: { zh: '处理步骤', en: 'Handling steps' },
  stepAt: { zh: '第 {n} 次回复', en: 'reply {n}' },
  notDone: { zh: '未做到', en: 'not done' },
  flags: { zh: '红线', en: 'Red flags' },
  none: { zh: '无', en: 'none' },
  yours: { zh: '你的回复', en: 'Your replies' },
  model: { zh: '示范回答:{label}', en: 'Model answer: {label}' },
});
