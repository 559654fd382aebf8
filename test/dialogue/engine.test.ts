import { describe, expect, it } from 'vitest';
import { createDialogue, type DialogueState } from '../../src/dialogue/engine.ts';
import { localize, type Motive, type Scenario } from '../../src/scenario/schema.ts';
import { rubric, scenario, scenarios } from '../helpers/library.ts';

const playable = [...scenarios.values()].map((e) => e.scenario).filter((s) => s.endings);
const dialogue = createDialogue(rubric, playable);

function play(s: Scenario, replies: string[], opts: { seed?: number; lang?: 'zh' | 'en' } = {}): DialogueState {
  let { state } = dialogue.startSession(s, { seed: opts.seed ?? 1, now: 0, lang: opts.lang ?? 'zh' });
  for (const r of replies) {
    if (state.outcome !== 'ongoing') break;
    state = dialogue.step(state, r).state;
  }
  return state;
}

const BLAME = { zh: '这是您自己的问题,跟我们没关系。', en: "That's your own fault, it has nothing to do with us." };
const DEFLECT = { zh: '这个您得去找别的部门,我这边管不了。', en: "You'll need to contact another department, I can't help you with that." };

describe.each(playable.map((s) => [s.id, s] as const))('scenario %s', (_, s) => {
  it.each(['zh', 'en'] as const)('its model answers reach resolved (%s)', (lang) => {
    for (const answer of s.model_answers) {
      const state = play(s, answer.replies.map((r) => localize(r, lang)), { lang });
      expect(state.outcome, localize(answer.label, 'en')).toBe('resolved');
    }
  });

  it.each(['zh', 'en'] as const)('a blaming or deflecting trainee drives the customer away (%s)', (lang) => {
    expect(play(s, [BLAME[lang], BLAME[lang]], { lang }).outcome).toBe('escalated');
    expect(play(s, [DEFLECT[lang], DEFLECT[lang], DEFLECT[lang]], { lang }).outcome).toBe('escalated');
  });

  it('never repeats a customer line word for word', () => {
    const state = play(s, Array.from({ length: 12 }, () => '好的,我们会尽快处理。'));
    const lines = state.transcript.flatMap((t) => ('customer' in t ? [t.customer] : []));
    expect(new Set(lines).size).toBe(lines.length);
    expect(state.outcome).not.toBe('resolved');
  });
});

describe('the customer', () => {
  const yogurt = scenario('yogurt-fly');

  it('calms after a good reply and flares up after a red flag', () => {
    const start = play(yogurt, []);
    const good = play(yogurt, ['非常抱歉,经理那样说太不应该了。孩子还好吗?我们去办公室坐下慢慢说。']);
    expect(good.anger).toBeLessThan(start.anger);
    const calm = play(yogurt, ['非常抱歉,经理那样说太不应该了。孩子还好吗?我们去办公室坐下慢慢说。', '您是在哪里发现的?']);
    const flared = dialogue.step(calm, '说到底还不是您自己没看好孩子。').state;
    expect(flared.anger - calm.anger).toBeGreaterThanOrEqual(25);
    expect(flared.trust).toBeLessThan(calm.trust);
  });

  it('reacts by motive: feelings calm a venting customer most, a remedy calms a compensation seeker most', () => {
    const as = (motive: Motive): Scenario => ({ ...yogurt, id: `yogurt-${motive}`, customer: { ...yogurt.customer, motive, anger: 80 }, beats: [] });
    const d = createDialogue(rubric, [as('vent'), as('respect'), as('compensation')]);
    const drop = (motive: Motive, reply: string) => {
      const { state } = d.startSession(as(motive), { seed: 1, now: 0 });
      return state.anger - d.step(state, reply).state.anger;
    };
    const feelings = '换作是我也会特别生气,您受委屈了。';
    const remedy = '这杯酸奶我马上给您全额退款。';
    expect(drop('vent', feelings)).toBeGreaterThan(drop('compensation', feelings));
    expect(drop('compensation', remedy)).toBeGreaterThan(drop('vent', remedy));
    const ownership = '这件事由我负责到底,您不用再找别人。';
    expect(drop('respect', ownership)).toBeGreaterThan(drop('vent', ownership));
  });

  it('is irritated by a repeated hollow apology', () => {
    const once = play(yogurt, ['对不起。']);
    const twice = dialogue.step(once, '对不起。').state;
    expect(twice.anger).toBeGreaterThan(once.anger);
  });

  it('answers a fact question from the scenario, once', () => {
    const state = play(yogurt, ['请问当时杯子是撕开的,还是插了吸管?']);
    expect(state.revealed).toEqual(['cup_state']);
    const last = state.transcript[state.transcript.length - 1] as { customer: string };
    expect(last.customer).toContain(localize(yogurt.facts.find((f) => f.id === 'cup_state')!.answer, 'zh'));
  });

  it('runs out of patience when the trainee only asks questions and never acts', () => {
    const questions = ['请问您是哪天买的?', '型号是多少?', '是哪家经销商?', '平时怎么用的?', '之前找过哪些部门?', '还有别的情况吗?', '您家用的是井水吗?', '每天开多久?'];
    const state = play(scenario('pump-warranty'), questions);
    expect(state.outcome).toBe('timeout');
    expect(state.patience).toBe(0);
    expect(state.transcript.filter((t) => 'agent' in t)).toHaveLength(scenario('pump-warranty').customer.patience);
  });

  it('walks out when anger keeps rising before patience runs out', () => {
    const state = play(scenario('pump-warranty'), ['嗯。', '嗯。', '嗯。', '嗯。']);
    expect(state.outcome).toBe('escalated');
    expect(state.patience).toBeGreaterThan(0);
  });

  it('ignores replies after the session has ended', () => {
    const ended = play(yogurt, [BLAME.zh, BLAME.zh]);
    const after = dialogue.step(ended, '还有一句');
    expect(after.state).toBe(ended);
    expect(after.events).toEqual([{ type: 'ignored', reason: 'session_over' }]);
  });
});

describe('sessions', () => {
  const yogurt = scenario('yogurt-fly');
  const replies = ['您好。', '嗯。', '我知道了。', '请您稍等。'];

  it('are reproducible from the seed', () => {
    expect(JSON.stringify(play(yogurt, replies, { seed: 7 }))).toBe(JSON.stringify(play(yogurt, replies, { seed: 7 })));
    // pump-warranty's first reaction to a non-answer has two wordings; the seed picks one.
    const openers = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(play(scenario('pump-warranty'), ['您好,请讲。'], { seed }).transcript)));
    expect(openers.size).toBe(2);
  });

  it('save and resume continue identically', () => {
    const whole = play(yogurt, replies, { seed: 5 });
    let half = play(yogurt, replies.slice(0, 2), { seed: 5 });
    half = JSON.parse(JSON.stringify(half)) as DialogueState;
    for (const r of replies.slice(2)) half = dialogue.step(half, r).state;
    expect(half).toEqual(whole);
  });

  it('are plain versioned JSON', () => {
    const state = play(yogurt, replies);
    expect(state.version).toBe(1);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
