import { describe, expect, it } from 'vitest';
import { createDialogue } from '../../src/dialogue/engine.ts';
import { cleanLine, guardLine, prepareGuard } from '../../src/llm/guard.ts';
import { numbersIn } from '../../src/llm/numbers.ts';
import type { Lang } from '../../src/text/messages.ts';
import { rubric, scenario } from '../helpers/library.ts';

const yogurt = scenario('yogurt-fly');
const transfer = scenario('transfer-fee');
const dialogue = createDialogue(rubric, [yogurt, transfer]);

/** The guard for the line after one reply (the reply decides which facts are revealed). */
function guardAfter(id: 'yogurt-fly' | 'transfer-fee', lang: Lang, reply: string) {
  const s = id === 'yogurt-fly' ? yogurt : transfer;
  const start = dialogue.startSession(s, { seed: 1, now: 0, lang });
  const step = dialogue.step(start.state, reply);
  const line = step.state.transcript.at(-1)!;
  return prepareGuard(s, step.state, 'customer' in line ? line.customer : '');
}

describe('numbers in a line', () => {
  it('reads digits, Chinese numerals and English number words', () => {
    expect(numbersIn('去年九月买的,十二月换了一台')).toEqual([9, 12]);
    expect(numbersIn('转四万八,手续费二十五块,下午两点四十')).toEqual([48000, 25, 2, 40]);
    expect(numbersIn('48,000 yuan at 2:40 pm, a 1,000-yuan penalty')).toEqual([48000, 2, 40, 1000]);
    expect(numbersIn('forty-eight thousand, three months, twice')).toEqual([48000, 3, 2]);
    expect(numbersIn('万一喝出毛病,我十分害怕,一个人一下子')).toEqual([]);
  });
});

describe('the guard', () => {
  const zh = guardAfter('transfer-fee', 'zh', '您好,我来看一下。');
  const en = guardAfter('transfer-fee', 'en', "Hello, I'll take a look.");

  it('accepts a fitting line, cleaned of labels, quotes and reasoning', () => {
    expect(guardLine('顾客:“你们到底什么时候给我个说法?那一千块谁来赔?”', zh)).toEqual({ ok: true, text: '你们到底什么时候给我个说法?那一千块谁来赔?' });
    expect(guardLine('<think>He is angry.</think>Customer: Who pays the 1,000 yuan?', en)).toEqual({ ok: true, text: 'Who pays the 1,000 yuan?' });
    expect(cleanLine('<think>still thinking')).toBe('');
    expect(cleanLine('孙先生:我等着呢')).toBe('我等着呢');
  });

  it('rejects an empty line', () => {
    expect(guardLine('   ', zh)).toEqual({ ok: false, reason: 'empty', evidence: '' });
    expect(guardLine('<think>…</think>""', en)).toEqual({ ok: false, reason: 'empty', evidence: '' });
  });

  it('rejects a line that is too long', () => {
    expect(zh.maxChars).toBe(120);
    expect(guardLine('我'.repeat(121), zh)).toEqual({ ok: false, reason: 'too_long', evidence: '121 > 120' });
    expect(guardLine('word '.repeat(70), en)).toEqual({ ok: false, reason: 'too_long', evidence: '349 > 320' });
  });

  it('rejects the wrong language', () => {
    expect(guardLine('Why did you take my money?', zh)).toEqual({ ok: false, reason: 'wrong_language', evidence: '0% Chinese' });
    expect(guardLine('你们为什么扣我的钱?', en)).toEqual({ ok: false, reason: 'wrong_language', evidence: '100% Chinese' });
  });

  it('rejects speaking as an AI or assistant, in zh and en', () => {
    expect(guardLine('作为一个AI助手,我理解您的不满。', zh)).toEqual({ ok: false, reason: 'speaks_as_ai', evidence: '作为一个AI助手' });
    expect(guardLine('我是一个语言模型,不能扮演顾客。', zh)).toEqual({ ok: false, reason: 'speaks_as_ai', evidence: '我是一个语言模型' });
    expect(guardLine("As an AI language model, I can't be angry.", en)).toEqual({ ok: false, reason: 'speaks_as_ai', evidence: 'As an AI' });
    expect(guardLine("I'm just an assistant, but that sounds bad.", en)).toEqual({ ok: false, reason: 'speaks_as_ai', evidence: "I'm just an assistant" });
  });

  it('rejects a number the scenario does not have: a wrong amount or date', () => {
    expect(guardLine('人家要罚我两千块!', zh)).toEqual({ ok: false, reason: 'contradicts_facts', evidence: '2000' });
    expect(guardLine('They want a 3,000-yuan penalty from me!', en)).toEqual({ ok: false, reason: 'contradicts_facts', evidence: '3000' });
  });

  it('rejects a fact the trainee has not asked about, by its number or its words', () => {
    expect(guardLine('手续费扣了我二十五块!', zh)).toEqual({ ok: false, reason: 'unrevealed_fact', evidence: 'fee: 25' });
    expect(guardLine('You took 25 yuan from me!', en)).toEqual({ ok: false, reason: 'unrevealed_fact', evidence: 'fee: 25' });
    const yZh = guardAfter('yogurt-fly', 'zh', '对不起。');
    expect(guardLine('盖子是我撕开给他喝的,那又怎样?', yZh)).toEqual({ ok: false, reason: 'unrevealed_fact', evidence: 'cup_state: 盖子 子是 是我 我撕 撕开 开给 给他' });
    const yEn = guardAfter('yogurt-fly', 'en', "I'm sorry.");
    // 'drank' is in the opening ("my son already drank some"), so only unsaid words count.
    expect(guardLine('I peeled it and he drank it, so what?', yEn)).toEqual({ ok: true, text: 'I peeled it and he drank it, so what?' });
    expect(guardLine('I peeled it open and he had it by himself.', yEn)).toEqual({ ok: false, reason: 'unrevealed_fact', evidence: 'cup_state: peeled himself' });
  });

  it('lets the customer state a fact once the trainee has asked about it', () => {
    const asked = guardAfter('transfer-fee', 'zh', '手续费扣了多少?');
    expect(guardLine('扣了我二十五块,到现在都没退!', asked)).toEqual({ ok: true, text: '扣了我二十五块,到现在都没退!' });
    const yZh = guardAfter('yogurt-fly', 'zh', '当时杯子是撕开的还是插的吸管?');
    expect(guardLine('盖子是我撕开给他喝的,那又怎样?', yZh).ok).toBe(true);
  });
});
