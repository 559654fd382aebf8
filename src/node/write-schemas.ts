// Regenerates scenarios/*.schema.json from the zod schemas: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas, schemaText } from '../scenario/json-schema.ts';
import { defaultScenarioDir } from './library.ts';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  const path = join(defaultScenarioDir(), name);
  writeFileSync(path, schemaText(schema));
  console.log(`wrote ${path}`);
}
