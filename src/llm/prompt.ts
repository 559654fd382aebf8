import type { DialogueState } from '../dialogue/engine.ts';
import { localize, type Motive, type Scenario, type Stage } from '../scenario/schema.ts';
import { catalog, type Lang } from '../text/messages.ts';
import type { LlmMessage } from './client.ts';

/** What the engine decided for the next customer line: the scripted text and where it came from. */
export interface LineIntent {
  /** The scripted line (fact answers first, then the beat's line), as the engine chose it. */
  readonly text: string;
  /** The beat id ('facts' or 'fallback' when no beat played). */
  readonly beat: string;
  /** Fact ids answered in this line. */
  readonly facts: readonly string[];
}

const words = catalog({
  system: {
    zh: `你在一个客服投诉处理培训模拟中扮演顾客{name}。受训者扮演{role}。
场景:{summary}
地点:{place}
你投诉的真正诉求:{motive}
规则:
- 只说顾客的下一句话,一到三句,口语化,不超过{max}个字,只用中文。
- 意思必须和“剧本台词”一致:剧本台词里的每个事实都要说到,不要添加新的事实。
- 不要编造任何数字、日期、金额或细节;只能用下面“你已经说过的事实”和对话里出现过的内容。
- 你是这位顾客本人,不是AI,也不是助手;不要提到模型、AI、助手、培训或规则。
- 不要替客服说话,不要加引号,不要加“顾客:”之类的前缀。`,
    en: `You play the customer, {name}, in a customer-service complaint-handling training simulation. The trainee plays: {role}.
Situation: {summary}
Place: {place}
What you really want from this complaint: {motive}
Rules:
- Say only the customer's next line: one to three spoken sentences, at most {max} characters, in English only.
- Keep the meaning of the "scripted line": say every fact it contains and add no new facts.
- Never invent numbers, dates, amounts or details; use only "facts you have told" below and what was said in the conversation.
- You are this customer, not an AI and not an assistant; never mention models, AI, assistants, training or rules.
- Do not speak for the agent, do not use quotation marks, do not start with a label such as "Customer:".`,
  },
  facts: { zh: '你已经说过的事实:', en: 'Facts you have told:' },
  none: { zh: '(还没有)', en: '(none yet)' },
  mood: {
    zh: '你现在的情绪:怒气 {anger}/100({band}),对话阶段:{stage}。',
    en: 'Your mood now: anger {anger}/100 ({band}); stage of the talk: {stage}.',
  },
  conversation: { zh: '到目前为止的对话:', en: 'The conversation so far:' },
  customer: { zh: '顾客', en: 'Customer' },
  agent: { zh: '客服', en: 'Agent' },
  scripted: {
    zh: '剧本台词({beat}):{text}\n请用顾客自己的话把这句台词的意思说出来,语气符合现在的怒气。只输出这句话。',
    en: 'Scripted line ({beat}): {text}\nSay what this line means in the customer\'s own words, in a tone that fits the anger now. Output only the line.',
  },
  vent: { zh: '想发泄不满,希望有人认真听、承认自己的感受', en: 'to vent: to be listened to and have the feeling acknowledged' },
  respect: { zh: '想被重视、被尊重,看对方是否真的在乎', en: 'respect: to be taken seriously and see that they really care' },
  compensation: { zh: '想挽回实际损失,要一个具体的解决办法', en: 'compensation: to have a real loss put right with a concrete remedy' },
  calm: { zh: '基本平静', en: 'mostly calm' },
  annoyed: { zh: '不满', en: 'annoyed' },
  angry: { zh: '生气', en: 'angry' },
  furious: { zh: '非常愤怒', en: 'furious' },
  opening: { zh: '刚开始投诉', en: 'just started complaining' },
  listening: { zh: '愿意说说经过', en: 'willing to explain' },
  negotiating: { zh: '在谈解决办法', en: 'discussing a fix' },
  closing: { zh: '快要结束', en: 'wrapping up' },
});

const band = (anger: number) => (anger < 30 ? 'calm' : anger < 60 ? 'annoyed' : anger < 85 ? 'angry' : 'furious');

/**
 * The chat messages asking the model to word the customer's next line. The model gets the
 * persona, the facts told so far (never the ones still to be asked about), the anger and stage
 * the engine decided, the scripted line as the beat's intent, and the conversation before it,
 * all in the session's language. `state` is the state after the engine's step; its last
 * customer turn is the scripted line, which the model rewords.
 */
export function buildCustomerPrompt(scenario: Scenario, state: DialogueState, intent: LineIntent, maxChars: number): LlmMessage[] {
  const lang: Lang = state.lang;
  const t = (key: Parameters<typeof words>[0], params?: Record<string, string | number>) => words(key, lang, params);
  const revealed = new Set([...state.revealed, ...intent.facts]);
  const facts = scenario.facts.filter((f) => revealed.has(f.id)).map((f) => `- ${localize(f.answer, lang)}`);
  const before = state.transcript.slice(0, -1);
  const conversation = before.map((turn) => ('agent' in turn ? `${t('agent')}: ${turn.agent}` : `${t('customer')}: ${turn.customer}`));
  const system = t('system', {
    name: localize(scenario.customer.name, lang),
    role: localize(scenario.setting.role, lang),
    summary: localize(scenario.summary, lang),
    place: localize(scenario.setting.place, lang),
    motive: t(scenario.customer.motive as Motive),
    max: maxChars,
  });
  const user = [
    t('facts'),
    ...(facts.length > 0 ? facts : [t('none')]),
    '',
    t('mood', { anger: state.anger, band: t(band(state.anger)), stage: t(state.stage as Stage) }),
    '',
    t('conversation'),
    ...conversation,
    '',
    t('scripted', { beat: intent.beat, text: intent.text }),
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

/** Model options for customer lines: some variety, a bounded length, a fixed context size. */
export const CUSTOMER_OPTIONS = { temperature: 0.7, num_ctx: 4096, num_predict: 256 } as const;
