import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastParse, pathKey } from '../../src/scenario/fast-yaml.ts';

/** What the full parser makes of `text`: its data, or undefined when it reports an error. */
function full(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc.toJS();
}

describe('the fast YAML reader', () => {
  // Each case: the fast reader either gives up, or reads exactly what the full parser reads.
  const cases = [
    'a: 1', 'null: 1', 'Null: x', 'true: 1', '~: 1', 'a: ...', 'a: 1:2', 'a: 2001-12-14', 'a: <<', 'b: [a b, "c"]',
    'a:\n- x\n- y\nb: 1', 'a: -.5', 'a: +5', 'a: 1e999', 'a: "\\u00e9\\/"', "a: 'it''s'", 'a: x #c\nb: y#z',
    'a:\n  - - x\n    - y\n  - z', 'a: [[], {}, [ ], { }]', 'a: { b: { c: [1, 2] } }', 'a: "x" ', 'k-1: v',
    'a: @x', 'a: `x', 'a: %x', 'a: x %y', 'a: 0.', 'a: 00', 'a: -0', 'a: TRUE', 'a: tRue', 'a: 0x1F', 'a: .inf',
    'a: [1, 2, ]', 'a: [x: 1]', 'a: "two\n  lines"', 'a: b\n  c', 'a:\n  b: 1\n c: 2', 'a: 1\na: 2', 'a: &x 1',
    'a: *x', 'a: !!str 1', 'a: |\n  x', 'a:', '- a\n- b: c\n  d: e', 'a: [x, {b: y}]', 'a:\tb', '__proto__: 1',
    '# only a comment', '', 'a: 12345678901234567890', 'a: "\\x41"', "a: '\\x41'", 'a: { b: 1, b: 2 }',
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c]))('%s', (_, text) => {
    const fast = fastParse(text);
    if (fast) expect(isDeepStrictEqual(fast.value, full(text)), JSON.stringify(fast.value)).toBe(true);
  });

  it('reads the files it is made for and locates every node and key as the full parser does', () => {
    const text = 'version: 1\n# a comment\nid: x\nbeats:\n  - id: b1\n    when: { anger: [70, 100] }\n    lines:\n      - zh: 你好\n        en: "Hi: there"\n';
    const fast = fastParse(text)!;
    expect(fast.value).toEqual(full(text));
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    for (const path of [['id'], ['beats'], ['beats', 0], ['beats', 0, 'when'], ['beats', 0, 'when', 'anger', 1], ['beats', 0, 'lines', 0, 'en']]) {
      const node = doc.getIn(path, true) as { range: [number] };
      expect(fast.nodes.get(pathKey(path)), path.join('.')).toEqual(lines.linePos(node.range[0]));
    }
    expect(fast.keys.get(pathKey(['beats', 0, 'when', 'anger']))).toEqual({ line: 6, col: 13 });
  });
});
