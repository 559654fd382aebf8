import type { Condition, FlagId, SignalId, Stage } from '../scenario/schema.ts';

/** What a condition can look at after a reply has moved the customer. */
export interface ConditionContext {
  readonly stage: Stage;
  readonly anger: number;
  readonly trust: number;
  /** Signals in this reply. */
  readonly signals: ReadonlySet<SignalId>;
  /** Signals shown so far, this reply included. */
  readonly shown: ReadonlySet<SignalId>;
  readonly flags: ReadonlySet<FlagId>;
  readonly asked: ReadonlySet<string>;
  readonly keyPoints: ReadonlySet<string>;
  readonly played: ReadonlySet<string>;
  readonly turn: number;
}

const within = (x: number, range: readonly [number, number] | undefined) => !range || (x >= range[0] && x <= range[1]);
const anyOf = <T>(list: readonly T[] | undefined, set: ReadonlySet<T>) => !list || list.some((x) => set.has(x));

/** Does every condition given hold? An empty condition always holds. */
export function conditionHolds(c: Condition, ctx: ConditionContext): boolean {
  return (
    (!c.stage || c.stage.includes(ctx.stage)) &&
    within(ctx.anger, c.anger) &&
    within(ctx.trust, c.trust) &&
    (!c.signals || c.signals.every((s) => ctx.signals.has(s))) &&
    anyOf(c.any_signals, ctx.signals) &&
    (!c.missing || c.missing.every((s) => !ctx.shown.has(s))) &&
    anyOf(c.flags, ctx.flags) &&
    anyOf(c.asked, ctx.asked) &&
    anyOf(c.key_points, ctx.keyPoints) &&
    (!c.after || ctx.played.has(c.after)) &&
    (c.min_turn === undefined || ctx.turn >= c.min_turn)
  );
}
