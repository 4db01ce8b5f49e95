/**
 * The center follows every department's change feed with a persisted cursor and tells applicants
 * what happened: each event has its effect exactly once, however often it is delivered.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from './support/graphql.js';
import { startFederation, type Federation } from './support/federation.js';

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ demoCases: 50 });
});

afterAll(async () => {
  await federation?.stop();
});

const notificationsOf = async (caseId: string) =>
  (await query(federation.urls.center!, 'query($id: ID!) { notifications(caseId: $id) { kind message materials caseNumber } }', { id: caseId })).notifications as {
    kind: string;
    message: string;
    materials: string[];
  }[];

describe('following the departments', () => {
  it('tells the applicant every missing material at once, then that the case concluded; once each', async () => {
    const housing = federation.urls.housing!;
    const item = (await query(housing, '{ housing { items(filter: {kind: PROMISED}, first: 1) { edges { node { code materials { name } } } } } }')).housing.items.edges[0].node;
    const missing = item.materials.slice(0, 2).map((m: { name: string }) => m.name);
    const step = async (name: string, type: string, input: Record<string, unknown>) =>
      (await query(housing, `mutation($input: ${type}!) { housing { ${name}(input: $input) { id version } } }`, { input })).housing[name];
    const c = await step('submit', 'SubmitApplicationInput', {
      idempotencyKey: 'center-1',
      itemCode: item.code,
      applicant: { kind: 'PERSON', name: '王五', idNumber: '330102198001010013' },
      actor: 'window-W01',
    });
    let version = c.version;
    for (const [name, type, extra] of [
      ['requestSupplement', 'RequestSupplementInput', { missingMaterials: missing }],
      ['resubmit', 'TransitionInput', {}],
      ['accept', 'TransitionInput', {}],
      ['approve', 'TransitionInput', {}],
    ] as const) {
      version = (await step(name, type, { idempotencyKey: `center-${name}`, caseId: c.id, expectedVersion: version, actor: 'officer', ...extra })).version;
    }

    await federation.center.followFeedsNow();
    const first = await notificationsOf(c.id);
    expect(first.map((n) => n.kind)).toEqual(['CONCLUDED', 'SUPPLEMENT_REQUESTED']);
    const notice = first[1]!;
    expect(notice.materials).toEqual(missing);
    for (const name of missing) expect(notice.message).toContain(name);
    expect(notice.message).toContain('住房和城乡建设局');
    expect(first[0]!.message).toContain('准予许可');

    // Reading again, or redelivering from the start after a lost cursor, changes nothing.
    await federation.center.followFeedsNow();
    const db = new Database(join(federation.dataDir, 'center.db'));
    db.prepare(`UPDATE "FeedCursor" SET cursor = NULL WHERE department = 'housing'`).run();
    db.close();
    await federation.center.followFeedsNow();
    expect(await notificationsOf(c.id)).toEqual(first);
  });
});
