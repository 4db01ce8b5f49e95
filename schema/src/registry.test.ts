import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { departments, readContractDepartments } from './registry.js';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `content` (JSON unless a string) to a new file and reads it as a contract departments file. */
function read(content: unknown) {
  const file = join(dir, `departments-${(files += 1)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return () => readContractDepartments(file, departments);
}

const civil = {
  code: 'civil',
  name: '民政局',
  nameEn: 'Civil Affairs Bureau',
  prefix: 'Civil',
  port: 4020,
  catalog: 'c.json',
};

describe('contract-only departments from CONTRACT_DEPARTMENTS_FILE', () => {
  it('reads each entry, its catalog found beside the file', () => {
    expect(read([civil])()).toEqual([
      {
        code: 'civil',
        name: '民政局',
        nameEn: 'Civil Affairs Bureau',
        prefix: 'Civil',
        port: 4020,
        catalogFile: join(dir, 'c.json'),
      },
    ]);
  });

  it('refuses a code or a prefix already taken, by a built-in department or an earlier entry', () => {
    expect(read([{ ...civil, code: 'housing' }])).toThrow(/entry #1 \(housing\): code "housing" is taken/);
    expect(read([{ ...civil, prefix: 'Tax' }])).toThrow(/prefix "Tax" is taken/);
    expect(read([civil, { ...civil, prefix: 'Civil2' }])).toThrow(/entry #2 \(civil\): code "civil" is taken/);
  });

  it('names every problem of every entry at once', () => {
    const bad = read([
      { code: 'Bad Code', prefix: 'lower', port: 70000 },
      { ...civil, catalog: '' },
    ]);
    expect(bad).toThrow(/code must match/);
    expect(bad).toThrow(/prefix must match/);
    expect(bad).toThrow(/name is required/);
    expect(bad).toThrow(/port must be a port number/);
    expect(bad).toThrow(/entry #2 \(civil\): catalog/);
  });

  it('says plainly when the file is not a JSON array', () => {
    expect(read('{ not json')).toThrow(/not a readable JSON file/);
    expect(read({ code: 'civil' })).toThrow(/must hold a JSON array/);
  });
});
