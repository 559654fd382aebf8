import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../src/scenario/json-schema.ts';
import { quizJsonSchema } from '../../src/quiz/json-schema.ts';

const dir = new URL('../../scenarios/quiz/', import.meta.url);

describe('question-bank JSON Schema', () => {
  it('scenarios/quiz/schema.json is up to date (run `npm run schema`)', () => {
    expect(readFileSync(new URL('schema.json', dir), 'utf8')).toBe(schemaText(quizJsonSchema()));
  });

  it('describes every question type, so editors can complete the keys', () => {
    const schema = quizJsonSchema() as { properties: { questions: { items: { oneOf?: { properties: { type: { const: string } } }[]; anyOf?: { properties: { type: { const: string } } }[] } } } };
    const branches = schema.properties.questions.items.oneOf ?? schema.properties.questions.items.anyOf ?? [];
    expect(branches.map((b) => b.properties.type.const)).toEqual(['single', 'multiple', 'true_false', 'fill', 'short', 'case']);
  });

  it('every bank file points editors at the schema', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(readFileSync(new URL(f, dir), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=./schema.json');
  });
});
