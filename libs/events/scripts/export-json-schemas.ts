/**
 * Writes the JSON Schema of every contract to a folder (default `schemas/`), one file each.
 * Usage: tsx scripts/export-json-schemas.ts [folder]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allContracts, jsonSchemaFileName, toJsonSchema } from '../src/index';

const folder = resolve(process.argv[2] ?? 'schemas');
mkdirSync(folder, { recursive: true });
for (const contract of allContracts) {
  const file = join(folder, jsonSchemaFileName(contract));
  writeFileSync(file, `${JSON.stringify(toJsonSchema(contract), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
