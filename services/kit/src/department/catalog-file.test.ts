import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog-file.js';

const housingFile = new URL('../../../housing/src/catalog.json', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'onewindow-catalog-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** housing's catalog.json with `change` applied, written to a file of its own; returns the file. */
function writeCatalog(name: string, change: (items: Record<string, any>[]) => void): string {
  const items = JSON.parse(readFileSync(housingFile, 'utf8')) as Record<string, any>[];
  change(items);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(items));
  return file;
}

/** The message loadCatalog throws for a file. */
function problemsOf(file: string): string {
  try {
    loadCatalog(pathToFileURL(file));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${file} loaded`);
}

describe("a department's catalog file", () => {
  it('loads with its notes, which say where a statutory limit comes from', () => {
    const items = loadCatalog(housingFile);
    expect(items.length).toBeGreaterThan(0);
    const permit = items.find((item) => item.code === '000140001000');
    expect(permit?.statutoryLimitNote).toMatch(/§5/);
  });

  it('refuses a field of the wrong type, naming the file, the item code and the field', () => {
    const file = writeCatalog('wrong-type', (items) => {
      items[2]!.statutoryLimitDays = '15';
    });
    expect(problemsOf(file)).toContain(`${file}: item 000140003000, statutoryLimitDays:`);
  });

  it("names a material's field by its place in the item", () => {
    const file = writeCatalog('material', (items) => {
      items[0]!.materials[1].form = 'FAX';
    });
    expect(problemsOf(file)).toContain(`${file}: item 000140001000, materials[1].form:`);
  });

  it('refuses a misspelt field, naming it', () => {
    const file = writeCatalog('misspelt', (items) => {
      items[1]!.statutoryLimitNotes = items[1]!.statutoryLimitNote;
    });
    expect(problemsOf(file)).toContain(`${file}: item 000140002000, statutoryLimitNotes:`);
  });

  it('refuses a committed limit beyond the statutory one, and a repeated code', () => {
    const file = writeCatalog('limits', (items) => {
      items[0]!.committedLimitDays = items[0]!.statutoryLimitDays + 1;
      items[3]!.code = items[2]!.code;
    });
    const problems = problemsOf(file).split('\n');
    expect(problems).toContainEqual(expect.stringContaining(`${file}: item 000140001000, committedLimitDays:`));
    expect(problems).toContainEqual(
      expect.stringContaining(`${file}: item 000140003000, code: repeats item #3's code`),
    );
  });

  it('names an item without a code by its place in the file', () => {
    const file = writeCatalog('no-code', (items) => {
      delete items[4]!.code;
    });
    expect(problemsOf(file)).toContain(`${file}: item #5, code:`);
  });

  it('refuses a file that is not JSON, naming it', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '[{ "code": ');
    expect(problemsOf(file)).toMatch(new RegExp(`^${file}: not a readable JSON file`));
  });
});
