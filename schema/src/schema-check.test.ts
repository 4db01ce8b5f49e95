import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkSchema, type SchemaCheckInput } from './schema-check.js';

const root = new URL('../../', import.meta.url).pathname;
const committed = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
const housingSdl = readFileSync(join(root, 'services/housing/schema.graphql'), 'utf8');
/** Housing's own SDL without its `floorArea` field on cases. */
const withoutFloorArea = housingSdl
  .split('\n')
  .filter(
    (line) =>
      !line.includes('floorArea: Float\n') &&
      !/^\s+floorArea: Float$/.test(line) &&
      !line.includes('a housing-only field'),
  )
  .join('\n');

const check = (overrides: Partial<SchemaCheckInput>) =>
  checkSchema({ currentSupergraphSdl: committed, clientDocuments: [], acknowledgements: [], ...overrides });

/** The committed supergraph with one more value in an enum: as if the working tree had removed it. */
const withExtraEnumValue = (enumName: string, value: string, graph: string) =>
  committed.replace(
    new RegExp(`(enum ${enumName}\\n(?:  @join__type\\(graph: [A-Z]+\\)\\n)+\\{\\n)`),
    `$1  ${value} @join__enumValue(graph: ${graph})\n`,
  );

describe('schema:check', () => {
  it('flags a removed field as breaking, with what to do instead, until it is acknowledged', async () => {
    const proposed = { subgraph: 'housing', ownTypeDefs: parse(withoutFloorArea) };
    const result = await check({ proposed });
    expect(result.compositionErrors).toEqual([]);
    expect(result.unacknowledged).toEqual([
      expect.objectContaining({
        impact: 'breaking',
        type: 'FIELD_REMOVED',
        path: 'HousingCase.floorArea',
        message: "Field 'floorArea' was removed from object type 'HousingCase'",
        advice: expect.stringContaining('Deprecate'),
      }),
    ]);
    const acknowledged = await check({
      proposed,
      acknowledgements: [
        { path: 'HousingCase.floorArea', type: 'FIELD_REMOVED', reason: 'moved to constructionProject' },
      ],
    });
    expect(acknowledged.unacknowledged).toEqual([]);
    expect(acknowledged.changes.find((c) => c.path === 'HousingCase.floorArea')?.acknowledged).toBe(
      'moved to constructionProject',
    );
  });

  it('passes an added field as safe', async () => {
    const result = await check({
      proposed: { subgraph: 'housing', ownTypeDefs: parse(`${housingSdl}\nextend type HousingCase { storeys: Int }`) },
    });
    expect(result.unacknowledged).toEqual([]);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ impact: 'safe', type: 'FIELD_ADDED', path: 'HousingCase.storeys' }),
    );
  });

  it('weighs a removed enum value by whether clients can send it and do', async () => {
    // SupervisionLevel is an argument's type (cases' filter): removing a value a client sends breaks it.
    const current = withExtraEnumValue('SupervisionLevel', 'BLACK', 'HUB');
    const sentByClient = await check({
      currentSupergraphSdl: current,
      clientDocuments: ['{ cases(filter: { supervisionLevels: [BLACK] }) { totalCount } }'],
    });
    expect(sentByClient.unacknowledged.map((c) => [c.type, c.path])).toEqual([
      ['ENUM_VALUE_REMOVED', 'SupervisionLevel.BLACK'],
    ]);
    const sentByNobody = await check({ currentSupergraphSdl: current, clientDocuments: ['{ cases { totalCount } }'] });
    expect(sentByNobody.unacknowledged).toEqual([]);
    expect(sentByNobody.changes).toContainEqual(
      expect.objectContaining({ impact: 'dangerous', path: 'SupervisionLevel.BLACK' }),
    );
    // JointStatus is only ever an answer: a client stops receiving the value, and nothing it sends breaks.
    const outputOnly = await check({ currentSupergraphSdl: withExtraEnumValue('JointStatus', 'ARCHIVED', 'CENTER') });
    expect(outputOnly.unacknowledged).toEqual([]);
    expect(outputOnly.changes).toContainEqual(
      expect.objectContaining({
        impact: 'dangerous',
        path: 'JointStatus.ARCHIVED',
        advice: expect.stringContaining('answers'),
      }),
    );
  });

  it('reports a proposal that does not compose', async () => {
    const result = await check({
      proposed: { subgraph: 'housing', ownTypeDefs: parse(`${housingSdl}\nextend type HousingCase { status: Int }`) },
    });
    expect(result.compositionErrors.length).toBeGreaterThan(0);
    expect(result.unacknowledged).toEqual([]);
  });

  it('as a command: exit 1 and the change in words for a removed field, exit 0 for an added one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
    const run = (sdl: string) => {
      const file = join(dir, `${Math.random()}.graphql`);
      writeFileSync(file, sdl);
      return promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/schema-check.ts', 'housing', '--sdl', file],
        {
          cwd: root,
        },
      ).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    };
    const removed = await run(withoutFloorArea);
    expect(removed.code).toBe(1);
    // Listed as breaking and not acknowledged (the changes acknowledged since the last release are
    // listed too, each with its reason).
    expect(removed.stdout).toMatch(/Breaking: clients that use these will fail \(\d+\):/);
    expect(removed.stdout).toContain("  - Field 'floorArea' was removed from object type 'HousingCase'\n");
    expect(removed.stdout).toContain('schema/breaking-changes.json');
    const added = await run(`${housingSdl}\nextend type HousingCase { storeys: Int }`);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Field 'storeys' was added to object type 'HousingCase'");
    expect(added.stdout).toContain('No unacknowledged breaking change.');
  });
});
