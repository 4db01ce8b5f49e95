import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@onewindow/runtime';
import type { z } from 'zod';
import { catalogSchema, type CatalogItem } from './catalog.js';

/** `materials[2].copies` for the path [2, 'materials', 2, 'copies'] below an item. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

/** One line per problem: the item (by its code when it has one) and the field. */
function describeIssue(file: string, data: unknown, issue: z.core.$ZodIssue): string {
  const [index, ...path] = issue.path;
  if (typeof index !== 'number') return `${file}: ${issue.message}`;
  const code = Array.isArray(data) ? (data[index] as { code?: unknown } | undefined)?.code : undefined;
  const item = typeof code === 'string' ? `item ${code}` : `item #${index + 1}`;
  // An unknown field (a misspelt name) is named itself, not the item that holds it.
  const fields =
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => fieldName([...path, key])) : [fieldName(path)];
  return `${file}: ${item}, ${fields.join(', ') || 'the item'}: ${issue.message}`;
}

/**
 * Reads a department's catalog (its src/catalog.json) and checks it against the kit's schema.
 * A department loads it when its module is imported, so a malformed catalog stops the department
 * before it starts, with one line per problem naming the file, the item's code and the field.
 */
export function loadCatalog(url: URL): CatalogItem[] {
  const path = fileURLToPath(url);
  const file = path.startsWith(repoRoot) ? relative(repoRoot, path) : path;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: not a readable JSON file: ${reason}`, { cause: error });
  }
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describeIssue(file, data, issue));
    throw new Error(`The catalog is malformed:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
