// LLM figures for `npm run bench`: the per-turn cost of building the prompt and guarding the
// model's line (target ≤ 1 ms), and time to first token against the fake Ollama of the tests
// (the client, HTTP and NDJSON overhead; a real model adds its own thinking time).
import { performance } from 'node:perf_hooks';
import { createDialogue, type DialogueState } from '../../src/dialogue/engine.ts';
import { guardLine, prepareGuard } from '../../src/llm/guard.ts';
import { buildCustomerPrompt } from '../../src/llm/prompt.ts';
import { createLlmSession, lineIntentOf } from '../../src/llm/session.ts';
import { createOllamaClient } from '../../src/node/ollama-config.ts';
import type { CompiledRubric } from '../../src/rubric/compile.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { startFakeOllama } from '../llm/fake-ollama.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const LINE = '你这话还算像句人话,可我心里还是堵得慌。你们到底打算怎么办?';

export async function llmFigures(rubric: CompiledRubric, scenario: Scenario, replies: readonly string[]): Promise<Record<string, number>> {
  const dialogue = createDialogue(rubric, [scenario]);
  // Turns of real conversations: the state after each step and the engine's line.
  const turns: { state: DialogueState; intent: NonNullable<ReturnType<typeof lineIntentOf>> }[] = [];
  for (let round = 0; turns.length < 200 && round < 100; round++) {
    let { state } = dialogue.startSession(scenario, { seed: round, now: 0, lang: 'zh' });
    for (const reply of replies.slice((round * 5) % 200, ((round * 5) % 200) + 5)) {
      if (state.outcome !== 'ongoing') break;
      const step = dialogue.step(state, reply);
      state = step.state;
      const intent = lineIntentOf(step.events);
      if (intent) turns.push({ state, intent });
    }
  }
  const once = (t: (typeof turns)[number]) => {
    const guard = prepareGuard(scenario, t.state, t.intent.text);
    buildCustomerPrompt(scenario, t.state, t.intent, guard.maxChars);
    return guardLine(LINE, guard);
  };
  for (let i = 0; i < 5; i++) turns.forEach(once); // warm up
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const t of turns) {
      const start = performance.now();
      once(t);
      times.push(performance.now() - start);
    }
  }

  const fake = await startFakeOllama({ line: LINE });
  const firsts: number[] = [];
  try {
    const session = createLlmSession({ client: createOllamaClient(fake.host), model: 'qwen2.5:7b', lang: 'zh', clock: () => performance.now() });
    await session.warmUp();
    for (const t of turns.slice(0, 40)) {
      const { record } = await session.customerLine(scenario, t.state, t.intent);
      if (record.source === 'model' && record.firstTokenMs !== undefined) firsts.push(record.firstTokenMs);
    }
  } finally {
    await fake.close();
  }
  return {
    'llm.prompt_and_guard_ms': median(times),
    'llm.prompt_and_guard_p95_ms': [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!,
    'llm.first_token_ms': firsts.length > 0 ? median(firsts) : Number.NaN,
    'llm.first_token_lines': firsts.length,
  };
}
