import type { CompiledRubric } from '../rubric/compile.ts';
import type { ScoreReport } from '../rubric/score.ts';
import { localize } from '../scenario/schema.ts';
import { catalog, type Lang } from '../text/messages.ts';
import { displayWidth, padEnd } from '../text/width.ts';

export type { Lang };


const LABELS = {
  total: { zh: '总分', en: 'Total' },
  dimensions: { zh: 'SERVQUAL 五要素', en: 'SERVQUAL dimensions' },
  steps: { zh: '处理步骤', en: 'Handling steps' },
  turn: { zh: '消息 #{n}', en: 'turn #{n}' },
  notDone: { zh: '未做到', en: 'not done' },
  flags: { zh: '红线', en: 'Red flags' },
  none: { zh: '无', en: 'none' },
  keyPoints: { zh: '场景要点', en: 'Scenario key points' },
  perTurn: { zh: '逐句点评', en: 'Turn by turn' },
  advice: { zh: '改进建议', en: 'What would raise the score' },
  notices: { zh: '提示', en: 'Notices' },
} as const;

const labels = catalog<keyof typeof LABELS>(LABELS);

/** A label in `lang`, with `{n}` filled in. */
export function label(key: keyof typeof LABELS, lang: Lang, n?: number): string {
  return labels(key, lang, n === undefined ? {} : { n });
}

function bar(value: number, width = 20): string {
  const filled = Math.round((value / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/**
 * The readable score report: dimension bars, the step checklist, red flags with the trainee's own
 * words, key points, per-turn feedback and advice. Plain text; aligned for Chinese too.
 */
export function renderReport(report: ScoreReport, rubric: CompiledRubric, title: string): string {
  const lang = report.locale;
  const lines: string[] = [];
  lines.push(`${title}`);
  lines.push(`${label('total', lang)}: ${report.total}/100`);
  lines.push('');
  lines.push(label('dimensions', lang));
  const names = rubric.data.dimensions.map((d) => `${localize(d.name, lang)} (${d.weight}%)`);
  const width = Math.max(...names.map(displayWidth));
  rubric.data.dimensions.forEach((d, i) => {
    const value = report.dimensions[d.id];
    lines.push(`  ${padEnd(names[i]!, width)} ${bar(value)} ${String(value).padStart(3)}`);
  });
  lines.push('');
  lines.push(label('steps', lang));
  for (const s of report.steps) {
    const where = s.done ? label('turn', lang, s.turn) : label('notDone', lang);
    lines.push(`  ${s.done ? '✔' : '·'} ${s.name} — ${where}`);
  }
  lines.push('');
  lines.push(`${label('flags', lang)}: ${report.flags.length === 0 ? label('none', lang) : ''}`);
  for (const f of report.flags) {
    const name = localize(rubric.data.flags.find((d) => d.id === f.id)!.name, lang);
    lines.push(`  ✘ ${name} (${label('turn', lang, f.turn)}): “${f.evidence}”`);
  }
  if (report.key_points.length > 0) {
    lines.push('');
    lines.push(label('keyPoints', lang));
    for (const k of report.key_points) {
      lines.push(`  ${k.hit ? '✔' : '·'} ${k.text}${k.hit ? ` — ${label('turn', lang, k.turn)}` : ''}`);
    }
  }
  const commented = report.turns.filter((t) => t.feedback.length > 0);
  if (commented.length > 0) {
    lines.push('');
    lines.push(label('perTurn', lang));
    for (const t of commented) {
      lines.push(`  ${label('turn', lang, t.turn)}:`);
      for (const f of t.feedback) {
        const mark = f.kind === 'praise' ? '+' : f.kind === 'warning' ? '!' : '~';
        lines.push(`    ${mark} ${f.message}`);
      }
    }
  }
  if (report.advice.length > 0) {
    lines.push('');
    lines.push(label('advice', lang));
    for (const a of report.advice) lines.push(`  → ${a}`);
  }
  if (report.notices.length > 0) {
    lines.push('');
    lines.push(label('notices', lang));
    for (const n of report.notices) lines.push(`  * ${n.message}`);
  }
  return lines.join('\n');
}
