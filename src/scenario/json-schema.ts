import { z } from 'zod';
import { RubricFile } from '../rubric/data.ts';
import { Scenario } from './schema.ts';

/**
 * JSON Schemas for editors (VS Code's YAML extension reads the `yaml-language-server: $schema`
 * comment at the top of each file), generated from the zod schemas so they cannot drift.
 */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title,
  });
  return {
    'schema.json': make(Scenario, 'Complaint Dojo scenario'),
    'rubric.schema.json': make(RubricFile, 'Complaint Dojo rubric data'),
  };
}

/** The file text for a schema: stable key order, two-space indent, final newline. */
export function schemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
