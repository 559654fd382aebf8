// The core (src/text, src/rubric, src/scenario, src/dialogue, src/llm, src/quiz) runs in Node and in the browser: it may not import
// Node built-ins, React, ink or UI code, and scoring may not depend on Intl (ICU differs by build).
// src/llm takes the Ollama client as an argument, so it never imports 'ollama' either.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../src/', import.meta.url).pathname;
const coreFiles = ['text', 'rubric', 'scenario', 'dialogue', 'llm', 'quiz'].flatMap((d) =>
  readdirSync(join(root, d)).filter((f) => f.endsWith('.ts')).map((f) => join(root, d, f)),
);

describe('core boundaries', () => {
  it.each(coreFiles.map((f) => [f.slice(root.length), f]))('%s imports no Node, React, ink or UI code', (_, file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(spec, file).not.toMatch(/^node:|^(fs|path|os|child_process|react|react-dom|ink|ollama)(\/|$)/);
      expect(spec, file).not.toMatch(/\/(cli|node|web)\//);
    }
  });

  it('keeps Intl and locale-dependent comparison out of scoring', () => {
    for (const file of coreFiles) {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(code, file).not.toMatch(/Intl\.|localeCompare|toLocale(Lower|Upper)Case/);
    }
  });
});
