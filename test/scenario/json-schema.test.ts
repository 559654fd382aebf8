import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, schemaText } from '../../src/scenario/json-schema.ts';

describe('JSON Schemas for editors', () => {
  it.each(Object.entries(jsonSchemas()))('scenarios/%s is up to date (run `npm run schema`)', (name, schema) => {
    const onDisk = readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8');
    expect(onDisk).toBe(schemaText(schema));
  });

  it('describes the keys an author types, so editors can complete them', () => {
    const scenario = jsonSchemas()['schema.json'] as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(scenario.properties)).toEqual(expect.arrayContaining(['opening', 'customer', 'key_points', 'forbidden', 'model_answers']));
    expect(scenario.required).toEqual(expect.arrayContaining(['version', 'id', 'opening']));
  });

  it('every shipped scenario file points editors at the schema', () => {
    for (const f of ['yogurt-fly', 'pump-warranty']) {
      const text = readFileSync(new URL(`../../scenarios/${f}.yaml`, import.meta.url), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });
});
