// Regenerates scenarios/*.schema.json and scenarios/quiz/schema.json from the zod schemas: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quizJsonSchema } from '../quiz/json-schema.ts';
import { jsonSchemas, schemaText } from '../scenario/json-schema.ts';
import { defaultScenarioDir } from './library.ts';

for (const [name, schema] of [...Object.entries(jsonSchemas()), ['quiz/schema.json', quizJsonSchema()] as const]) {
  const path = join(defaultScenarioDir(), name);
  writeFileSync(path, schemaText(schema));
  console.log(`wrote ${path}`);
}
