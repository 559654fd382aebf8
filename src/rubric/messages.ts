/**
 * Every sentence the rubric says to a trainee that is not rubric data, in zh and en.
 * Reports carry codes; this is the one place that words them.
 */
import { catalog, type Lang } from '../text/messages.ts';

export type { Lang };

const MESSAGES = {
  apology_cancelled: {
    zh: '道歉之后又责怪或顶撞顾客,顾客只会记住后半句:这一轮的道歉和共情不计分。',
    en: 'An apology followed by blame or a jab is heard as the jab: this turn’s apology and empathy earn nothing.',
  },
  negated: {
    zh: '“{evidence}”是否定说法,不算{signal}。',
    en: '“{evidence}” is negated, so it does not count as {signal}.',
  },
  stock_salad: {
    zh: '这一轮几乎全是套话,没有具体内容。用完整的句子说清你要做什么。',
    en: 'This turn is a string of stock phrases with nothing concrete. Say in full sentences what you will do.',
  },
  repeated_apology: {
    zh: '反复道歉不会加分,顾客要的是行动。道一次歉,然后说清你要做什么。',
    en: 'Apologising again and again adds nothing; the customer wants action. Apologise once, then say what you will do.',
  },
  stock_apology: {
    zh: '“{evidence}”听起来像套话。具体说出你为哪件事道歉,更显真诚。',
    en: '“{evidence}” sounds like a stock phrase. Say what exactly you are sorry for.',
  },
  handed_off: {
    zh: '“{evidence}”把承诺交给了别人,或者没说谁来做。用你自己的名义承诺:“这件事我来跟进,明天下午三点前我给您回电。”',
    en: '“{evidence}” hands the promise to somebody else, or to nobody. Make it yours: “I’ll follow this up myself and call you before 3 pm tomorrow.”',
  },
  speak_as_i: {
    zh: '这一轮只说“我们”,没有一句是你自己承担的。用你自己的名义承诺(“这件事我来负责,今天五点前我给您回电”),顾客更放心。',
    en: 'This turn speaks only as “we”; nothing in it is yours. Make the promise in your own name (“I’ll handle this and call you by five today”): it reassures more.',
  },
  key_point_hit: {
    zh: '做到了要点:{point}。',
    en: 'Key point made: {point}.',
  },
  key_point_missed: {
    zh: '没做到的要点:{point}。',
    en: 'Key point missed: {point}.',
  },
  hollow: {
    zh: '整体只有客套,没有实质:没有提问、没有方案、没有承诺。',
    en: 'Courtesy without substance overall: no question, no remedy, no commitment.',
  },
  flag_in_strong_reply: {
    zh: '这段回复整体很扎实,却有一处听起来像红线的说法(见标出的原话)。改掉它;如果你认为判错了,请培训师复核。',
    en: 'A strong reply overall, but one phrase sounds like a red flag (see the quoted words). Fix it, or ask a trainer to check if you think it was misheard.',
  },
  thin_reply: {
    zh: '回复里的实质内容偏少(约 {units} 个词的量,只有客套的句子不算;完整的处理约需 {full} 个),总分按 {percent}% 计。把道歉、方案、时间和跟进说具体。',
    en: 'The replies say little of substance (about {units} words’ worth, courtesy alone not counted; a full handling takes about {full}), so the total counts at {percent}%. Spell out the apology, the fix, the time and the follow-up.',
  },
  truncated: {
    zh: '第 {turn} 轮回复过长,只评了前 {max} 个字符。',
    en: 'Reply {turn} is very long; only its first {max} characters were scored.',
  },
  too_many_turns: {
    zh: '对话过长,只评了前 {max} 轮客服回复。',
    en: 'The conversation is very long; only the first {max} agent replies were scored.',
  },
  no_agent_turns: {
    zh: '对话中没有客服回复,无法评分。',
    en: 'The transcript has no agent reply to score.',
  },
  empty_reply: {
    zh: '第 {turn} 轮回复是空的。',
    en: 'Reply {turn} is empty.',
  },
} as const;

export type MessageCode = keyof typeof MESSAGES;

/** Render a message in `lang`, filling `{name}` placeholders from `params`. */
export const message = catalog<MessageCode>(MESSAGES);
