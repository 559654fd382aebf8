// Robustness: random mutations of the real scenario files go through parse and validate. No
// exception may escape, and every problem reported must have a place (line >= 1, col >= 1).
// Deterministic: a seeded PRNG picks every mutation, so a failure names its case and reproduces.
// `npm test` runs all 10,000 cases (about 30 s on an idle 2-core machine: two in three mutants are
// broken YAML, which only the full parser can word); for a quicker local run, e.g.
//   FUZZ_CASES=1000 npx vitest run test/scenario/fuzz.test.ts
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { playabilityCheck } from '../../src/dialogue/playable.ts';
import { fastParse } from '../../src/scenario/fast-yaml.ts';
import type { Issue } from '../../src/scenario/issues.ts';
import { checkScenario } from '../../src/scenario/validate.ts';
import { rubric } from '../helpers/library.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const dir = new URL('../../scenarios/', import.meta.url);
const originals = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(new URL(f, dir), 'utf8') }));

/** mulberry32: small, fast and good enough to pick mutations. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const JUNK = [':', ': ', '- ', '-', '#', ' #x', '[', ']', '{', '}', ',', '&a ', '*a', '!!binary ', '|', '>', '? ', '%YAML 1.2', '---', '...', '"', "'", '\\', '\t', '\r', '\u0000', '\ufeff', '\u2028', '\ud83d\ude00', '\ud83d', '苍蝇', 'é', '~', '@', '`', '<<: ', '0x1F', '.inf', '1e999', '\n', '  ', '    '];
const VALUES = ['[]', '{}', '123', '-7', '3.5', 'true', 'null', '~', '""', "''", '"x"', '[a, b]', '{ a: 1 }', '- a', 'yes', '0o17', '.nan', '1_000', 'x: y', '[unclosed', '&anchor v', '*nope', '!!str 1', '|', ''];
const KEYS = ['id', 'zh', 'en', 'when', 'lines', 'patterns', 'anger', 'opening', 'beats', 'endings', 'opning', 'Id', 'x', '__proto__', 'constructor', 'toString', 'after', 'min_turn', 'goto', 'once'];

/** One random mutation of `text`. */
function mutate(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const li = rng.int(lines.length);
  const line = lines[li]!;
  switch (rng.int(9)) {
    case 0: {
      // Flip a character (UTF-16 unit), sometimes into half of a surrogate pair.
      const at = rng.int(text.length);
      return text.slice(0, at) + String.fromCharCode(rng.next() < 0.8 ? 32 + rng.int(95) : rng.int(0x10000)) + text.slice(at + 1);
    }
    case 1:
      lines.splice(li, 1);
      return lines.join('\n');
    case 2:
      lines.splice(li, 0, line);
      return lines.join('\n');
    case 3: {
      // Shift the indentation of a line or a block of lines.
      const n = 1 + rng.int(rng.next() < 0.8 ? 1 : 8);
      const shift = rng.pick([-4, -2, -1, 1, 2, 4]);
      for (let k = li; k < Math.min(lines.length, li + n); k++) {
        lines[k] = shift > 0 ? ' '.repeat(shift) + lines[k] : lines[k]!.replace(new RegExp(`^ {0,${-shift}}`), '');
      }
      return lines.join('\n');
    }
    case 4: {
      const m = /^(\s*(?:- )?)([A-Za-z_]+):/.exec(line);
      if (!m) return mutate(text, rng);
      lines[li] = m[1] + rng.pick(KEYS) + line.slice(m[0].length - 1);
      return lines.join('\n');
    }
    case 5: {
      const m = /^(\s*(?:- )?(?:[A-Za-z_]+: ?)?)(.+)$/.exec(line);
      if (!m) return mutate(text, rng);
      lines[li] = m[1] + rng.pick(VALUES);
      return lines.join('\n');
    }
    case 6:
      return text.slice(0, rng.int(text.length));
    case 7: {
      const at = rng.int(text.length);
      let junk = '';
      for (let k = 1 + rng.int(3); k > 0; k--) junk += rng.pick(JUNK);
      return text.slice(0, at) + junk + text.slice(at);
    }
    default: {
      // Swap two lines.
      const other = rng.int(lines.length);
      [lines[li], lines[other]] = [lines[other]!, lines[li]!];
      return lines.join('\n');
    }
  }
}

function located(issues: readonly Issue[]): boolean {
  return issues.every((i) => Number.isInteger(i.line) && Number.isInteger(i.col) && i.line >= 1 && i.col >= 1);
}

/** The fast reader must agree with the full parser whenever it does not give up. */
function agreesWithFullParser(text: string): string | undefined {
  const fast = fastParse(text);
  if (!fast) return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) return `fast reader accepted a file with errors: ${doc.errors[0]!.message}`;
  if (!isDeepStrictEqual(fast.value, doc.toJS({ maxAliasCount: 500 }))) return 'fast reader read different data';
  for (const [key, pos] of fast.nodes) {
    const path = key.split('\u0000').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = doc.getIn(path, true) as { range?: [number] } | undefined;
    const want = node?.range ? lines.linePos(node.range[0]) : undefined;
    if (!want || want.line !== pos.line || want.col !== pos.col) return `node ${path.join('.')} at ${pos.line}:${pos.col}, full parser ${want?.line}:${want?.col}`;
  }
  return undefined;
}

describe('fuzzing the scenario files', () => {
  it(`${CASES} mutations through parse and validate: nothing escapes, every problem has a place`, () => {
    const rng = prng(20251122);
    const deep = playabilityCheck(rubric);
    const failures: string[] = [];
    const outcomes = { valid: 0, invalid: 0, fast: 0, compared: 0 };
    for (let n = 0; n < CASES; n++) {
      const original = rng.pick(originals);
      let text = original.text;
      for (let k = 1 + rng.int(3); k > 0; k--) text = mutate(text, rng);
      const where = `case ${n} (${original.file})`;
      try {
        // Model answers are played for every 25th case only: playing is what takes time, and
        // the shape, reference and reachability checks run on every case.
        const checked = checkScenario({ file: original.file, text }, rubric.data, n % 25 === 0 ? deep : undefined);
        if (!located(checked.issues)) failures.push(`${where}: an issue without a place: ${JSON.stringify(checked.issues.find((i) => !located([i])))}`);
        outcomes[checked.scenario ? 'valid' : 'invalid']++;
        // Differential check of the fast reader on every 4th case.
        if (n % 4 === 0) {
          if (fastParse(text)) outcomes.compared++;
          const disagreement = agreesWithFullParser(text);
          if (disagreement) failures.push(`${where}: ${disagreement}`);
        }
      } catch (e) {
        failures.push(`${where}: threw ${(e as Error).stack}`);
      }
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    // The mutations must exercise both outcomes, or the test proves little.
    expect(outcomes.valid).toBeGreaterThan(CASES / 20);
    expect(outcomes.invalid).toBeGreaterThan(CASES / 3);
    expect(outcomes.compared).toBeGreaterThan(CASES / 40);
  }, 300_000);
});

describe('pathological files', () => {
  const check = (text: string) => checkScenario({ file: 'x.yaml', text }, rubric.data).issues;

  it('an alias bomb is one clear error', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(check(bomb.join('\n')).map((i) => i.code)).toEqual(['yaml_alias_limit']);
  });

  it('a 5 MB file is refused by size before it is parsed', () => {
    const big = originals[0]!.text.repeat(Math.ceil((5 * 1024 * 1024) / originals[0]!.text.length));
    expect(check(big).map((i) => `${i.code} ${i.line}:${i.col}`)).toEqual(['file_too_large 1:1']);
  });

  it('binary junk gives errors with places', () => {
    const rng = prng(7);
    let junk = '';
    for (let i = 0; i < 4096; i++) junk += String.fromCharCode(rng.int(256));
    const issues = check(junk);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
    expect(located(issues)).toBe(true);
  });

  it('deep nesting is refused before parsing: 10,000 levels of maps or lists, 1,500 indented levels', () => {
    let indented = '';
    for (let i = 0; i < 1500; i++) indented += `${' '.repeat(i)}k:\n`;
    const cases = [`${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, `${'['.repeat(10_000)}${']'.repeat(10_000)}`, indented];
    for (const text of cases) expect(check(text).map((i) => `${i.code} ${i.line}:${i.col} ${i.params.limit}`)).toEqual(['yaml_too_deep 1:1 100']);
  });
});
