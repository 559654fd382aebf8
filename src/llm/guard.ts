import type { DialogueState } from '../dialogue/engine.ts';
import { localize, type LocalText, type Scenario } from '../scenario/schema.ts';
import type { Lang } from '../text/messages.ts';
import { numbersIn } from './numbers.ts';

/** Why a model line was refused; the scripted line is used instead. */
export type GuardReason = 'empty' | 'too_long' | 'wrong_language' | 'speaks_as_ai' | 'contradicts_facts' | 'unrevealed_fact';

export type GuardResult = { ok: true; text: string } | { ok: false; reason: GuardReason; evidence: string };

/** What the guard checks a line against, prepared once per turn (see `prepareGuard`). */
export interface GuardContext {
  readonly lang: Lang;
  readonly maxChars: number;
  /** Numbers the customer may state: from the scenario's public texts, revealed facts and the conversation. */
  readonly numbers: ReadonlySet<number>;
  /** Facts the trainee has not asked about yet: their numbers and tell-tale words absent from everything said so far. */
  readonly unrevealed: readonly { id: string; numbers: ReadonlySet<number>; marks: ReadonlySet<string> }[];
}

/** Limits: a line may be this many characters, or twice the scripted line if that is longer. */
export const MAX_CHARS: Record<Lang, number> = { zh: 120, en: 320 };
/** How many tell-tale words of an unrevealed fact give it away. */
const MARKS_TO_REJECT: Record<Lang, number> = { zh: 3, en: 2 };

const both = (t: LocalText) => (typeof t === 'string' ? [t] : [t.zh, t.en].filter((x): x is string => x !== undefined));

/**
 * Prepare the guard for the line that follows `state`'s last trainee reply. What the customer may
 * mention: the scenario's summary, setting and opening, the answers to facts already asked about
 * (including those the engine reveals in this line), the scripted line itself and everything said
 * so far, in either language. Everything else the customer knows is still a secret.
 */
export function prepareGuard(scenario: Scenario, state: DialogueState, scripted: string): GuardContext {
  const revealed = new Set(state.revealed);
  const known = [
    ...both(scenario.summary),
    ...both(scenario.setting.place),
    ...both(scenario.customer.name),
    ...scenario.opening.flatMap(both),
    ...scenario.facts.filter((f) => revealed.has(f.id)).flatMap((f) => both(f.answer)),
    ...state.transcript.map((t) => ('agent' in t ? t.agent : t.customer)),
    scripted,
  ].join('\n');
  const numbers = new Set(numbersIn(known));
  const knownMarks = new Set([...marksOf(known, 'zh'), ...marksOf(known, 'en')]);
  const unrevealed = scenario.facts
    .filter((f) => !revealed.has(f.id))
    .map((f) => {
      const answer = both(f.answer).join('\n');
      return {
        id: f.id,
        numbers: new Set(numbersIn(answer).filter((n) => !numbers.has(n))),
        marks: new Set(marksOf(localize(f.answer, state.lang), state.lang).filter((m) => !knownMarks.has(m))),
      };
    });
  const lang = state.lang;
  return { lang, maxChars: Math.max(MAX_CHARS[lang], 2 * [...scripted].length), numbers, unrevealed };
}

/**
 * Clean a model line for display: drop a reasoning block (`<think>…</think>`, also while it is still
 * open), a leading speaker label ("顾客:", "Customer:") and wrapping quotes. Safe on partial text.
 */
export function cleanLine(raw: string): string {
  let t = raw.replace(/<think>[\s\S]*?(<\/think>|$)/g, '');
  t = t.trim().replace(/^(\*\*)?(顾客|客户|customer|[\p{L}\s]{1,12}(女士|先生))(\*\*)?\s*[::]\s*/iu, '');
  const quoted = /^["“「『']([\s\S]*)["”」』']$/.exec(t);
  return (quoted ? quoted[1]! : t).trim();
}

const AI_EN = /\b(as an ai\b|i am an ai\b|i'm an ai\b|an ai (language )?model|language model|ai assistant|as an assistant|i(?: am|'m) (?:just |only )?(?:an? )?(?:virtual |helpful )?assistant|chatgpt|openai|i cannot (?:role-?play|pretend)|i can't (?:role-?play|pretend))/i;
const AI_ZH = /(作为(一个|一名)?(ai助手|ai|人工智能助手|人工智能|语言模型|智能助手|虚拟助手|助手)|我是(一个|一名)?(ai助手|ai|人工智能助手|人工智能|语言模型|智能助手|虚拟助手|通义千问|聊天机器人)|人工智能助手|语言模型|无法扮演|不能扮演)/i;

/**
 * Accept a model line or say why not. In order: empty; too long; the wrong language (for zh, at
 * least 60% of the words must be Chinese characters, counting an English word as one; for en,
 * at most 10%); speaking as an AI or assistant (zh and en phrases); stating a number that is in
 * an unasked fact's answer (`unrevealed_fact`) or nowhere in what the customer may know
 * (`contradicts_facts`: a wrong amount, date or count); or giving away an unasked fact in words
 * (zh: 3 of its two-character phrases, en: 2 of its longer words, that nobody has said yet).
 */
export function guardLine(raw: string, ctx: GuardContext): GuardResult {
  const text = cleanLine(raw);
  if (text === '') return { ok: false, reason: 'empty', evidence: '' };
  const length = [...text].length;
  if (length > ctx.maxChars) return { ok: false, reason: 'too_long', evidence: `${length} > ${ctx.maxChars}` };
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (text.match(/[A-Za-z]+/g) ?? []).length;
  const share = han + words === 0 ? 0 : han / (han + words);
  if (ctx.lang === 'zh' ? share < 0.6 : share > 0.1) return { ok: false, reason: 'wrong_language', evidence: `${Math.round(share * 100)}% Chinese` };
  const ai = AI_EN.exec(text) ?? AI_ZH.exec(text);
  if (ai) return { ok: false, reason: 'speaks_as_ai', evidence: ai[0] };
  for (const n of numbersIn(text)) {
    if (ctx.numbers.has(n)) continue;
    const fact = ctx.unrevealed.find((f) => f.numbers.has(n));
    return fact ? { ok: false, reason: 'unrevealed_fact', evidence: `${fact.id}: ${n}` } : { ok: false, reason: 'contradicts_facts', evidence: String(n) };
  }
  const marks = new Set(marksOf(text, ctx.lang));
  for (const fact of ctx.unrevealed) {
    const shared = [...fact.marks].filter((m) => marks.has(m));
    if (shared.length >= MARKS_TO_REJECT[ctx.lang]) return { ok: false, reason: 'unrevealed_fact', evidence: `${fact.id}: ${shared.join(' ')}` };
  }
  return { ok: true, text };
}

const EN_STOP = new Set(
  'about after again also been before being could does doing down even from have having here into just like little more most much only other over really right said same some still such than that their them then there these they this those very want well were what when where which while will with would your yours'.split(' '),
);

/** Tell-tale units of a text: two-character Chinese phrases (zh) or words of 4+ letters (en). */
function marksOf(text: string, lang: Lang): string[] {
  if (lang === 'en') return (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !EN_STOP.has(w));
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}
