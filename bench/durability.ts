/**
 * What durability costs: transitions per second through a department's real lifecycle resolvers
 * and engine (access checks, validation, idempotency record, version check, event, audit record,
 * one transaction each, taken by a chief representative of the department) on a
 * throwaway database, with SQLite's synchronous=NORMAL against FULL, the setting the services use
 * (in WAL mode NORMAL can lose the last acknowledged commits on power loss; FULL syncs the WAL on
 * every commit). The two settings take turns, each on its own copy of the same database, so
 * both meet the same moments of a shared machine. Run alone: `npx tsx bench/durability.ts`.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDepartment, serviceDir } from '../schema/src/index.js';
import { housing } from '../services/housing/src/department.js';
import { openDatabase } from '../services/kit/src/db/database.js';
import { asKitDatabase } from '../services/kit/src/department/database.js';
import type { LifecycleContext } from '../services/kit/src/department/lifecycle/engine.js';
import { LIFECYCLE, SUBMIT } from '../services/kit/src/department/lifecycle/transitions.js';
import { seedCatalog } from '../services/kit/src/department/seed.js';
import { AuditTrail, createLogger, developmentKeys, type Identity } from '../services/runtime/src/index.js';
import { writeTransaction } from '../services/kit/src/db/busy.js';

export interface SynchronousCost {
  /** Transitions per second with synchronous=NORMAL. */
  normal: number;
  /** Transitions per second with synchronous=FULL (what the services run). */
  full: number;
  /** full / normal: the share of NORMAL's throughput that durability keeps. */
  ratio: number;
  /** Transitions timed per setting. */
  transitions: number;
}

type Synchronous = 'NORMAL' | 'FULL';
/** The transitions after submission, each a lifecycle record the mutation resolvers run. */
const STEPS = ['accept', 'startReview', 'approve'] as const;

/**
 * Measures transitions per second with synchronous=NORMAL and FULL, taking turns for `rounds`
 * rounds of `cases` cases (each submitted, accepted, reviewed and approved, one after another:
 * a commit waits for its sync, which is what FULL adds).
 */
export async function measureSynchronousCost(
  options: { cases?: number; rounds?: number } = {},
): Promise<SynchronousCost> {
  const cases = options.cases ?? 60;
  const rounds = options.rounds ?? 3;
  const department = findDepartment('housing')!;
  const logger = createLogger('bench-durability', 'silent');
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-durability-'));
  const open = (file: string, synchronous: Synchronous) =>
    openDatabase({ serviceDir: serviceDir('housing'), file, logger, createClient: housing.createClient, synchronous });
  try {
    // Migrate and seed once, then give each setting a copy of the same file.
    const template = join(dir, 'template.db');
    const seeded = await open(template, 'FULL');
    await seedCatalog(asKitDatabase(seeded), housing.catalog);
    await seeded.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    await seeded.$disconnect();
    const clients = {} as Record<Synchronous, Awaited<ReturnType<typeof open>>>;
    for (const setting of ['NORMAL', 'FULL'] as const) {
      copyFileSync(template, join(dir, `${setting}.db`));
      clients[setting] = await open(join(dir, `${setting}.db`), setting);
    }
    const item = housing.catalog.find((i) => i.kind === 'PROMISED')!;
    const elapsed: Record<Synchronous, number> = { NORMAL: 0, FULL: 0 };
    let keys = 0;
    const chief: Identity = {
      sub: 'bench-chief',
      role: 'chief',
      department: 'housing',
      items: housing.catalog.map((i) => i.code),
      ip: '127.0.0.1',
    };
    const walk = async (setting: Synchronous) => {
      const db = asKitDatabase(clients[setting]);
      const audit = new AuditTrail({
        key: developmentKeys.auditKey,
        applicantSecret: developmentKeys.auditKey,
        transaction: (work) => writeTransaction(db, (tx) => work(tx.auditRecord)),
        anchorFile: join(dir, `${setting}.audit-anchor.json`),
        logger,
      });
      // What the lifecycle's mutation resolvers hand each record (kit lifecycle/resolvers.ts).
      const context: LifecycleContext = {
        db,
        now: new Date(),
        applicantSecret: 'bench-durability-secret',
        identity: chief,
        department,
        policy: {},
        audit,
      };
      const started = performance.now();
      for (let n = 0; n < cases; n++) {
        const applicant = { kind: 'PERSON', name: '王五', idNumber: '330102198803150021' };
        const submit = { idempotencyKey: `k${++keys}`, itemCode: item.code, applicant };
        let row = await SUBMIT.perform(context, department, submit);
        for (const step of STEPS) {
          const caseId = `housing:${row.id}`;
          const input = { idempotencyKey: `k${++keys}`, caseId, expectedVersion: row.version };
          row = await LIFECYCLE[step].perform(context, department, input);
        }
      }
      elapsed[setting] += performance.now() - started;
      await audit.close();
    };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? (['FULL', 'NORMAL'] as const) : (['NORMAL', 'FULL'] as const);
      for (const setting of order) await walk(setting);
    }
    await Promise.all(Object.values(clients).map((client) => client.$disconnect()));
    const transitions = cases * rounds * (1 + STEPS.length);
    const perSecond = (ms: number) => Math.round((transitions / ms) * 1000 * 10) / 10;
    const normal = perSecond(elapsed.NORMAL);
    const full = perSecond(elapsed.FULL);
    return { normal, full, ratio: Math.round((full / normal) * 100) / 100, transitions };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await measureSynchronousCost());
}
