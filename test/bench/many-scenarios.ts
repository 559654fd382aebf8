// Many distinct scenario files for the validation benchmark, made from the shipped ones.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const scenarioDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The shipped scenario files, as text. */
export function shippedScenarios(): { file: string; text: string }[] {
  return readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(scenarioDir, file), 'utf8') }));
}

/**
 * Copy `k` of a shipped scenario: its own id, and every pattern given an alternative that no
 * reply contains (`(… | zq<k>x)` on the first `&` part). It matches exactly what the original
 * matches, but its text is new, so neither the pattern cache nor V8's regex cache has seen it:
 * each copy costs what a scenario written from scratch would.
 */
export function distinctCopy(text: string, k: number): string {
  const doc = parse(text) as Record<string, unknown> & { id: string };
  const fresh = (p: string) => {
    const [first, ...rest] = p.split('&');
    return [`(${first!.trim()}|zq${k}x)`, ...rest].join(' & ');
  };
  const lists = (items: unknown, keys: string[]) => {
    for (const item of (items as Record<string, unknown>[] | undefined) ?? []) {
      for (const key of keys) if (Array.isArray(item[key])) item[key] = (item[key] as string[]).map(fresh);
    }
  };
  lists(doc.key_points, ['patterns']);
  lists(doc.forbidden, ['patterns', 'except']);
  lists(doc.facts, ['asked_by']);
  doc.id = `${doc.id}-${k}`;
  return stringify(doc, { lineWidth: 0 });
}

/** Write `count` distinct scenario files into `dir`; returns their paths. */
export function writeDistinctScenarios(dir: string, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  const shipped = shippedScenarios();
  return Array.from({ length: count }, (_, k) => {
    const { file, text } = shipped[k % shipped.length]!;
    const path = join(dir, `${String(k).padStart(4, '0')}-${file}`);
    writeFileSync(path, distinctCopy(text, k));
    return path;
  });
}
