import DataLoader from 'dataloader';
import type { JointApplicationRow } from './joint/types.js';
import type {
  Complaint,
  Evaluation,
  FollowUp,
  Inquiry,
  PrismaClient,
  ServiceWindow,
  Staff,
} from './__generated__/prisma/client.js';

/** A loader of at most one row per key: one query for a whole batch of keys. */
function oneEach<K, V>(load: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K | null) {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = new Map((await load([...keys])).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key) ?? null);
  });
}

/** A loader of every row per key, in the order the query gives them. */
function allEach<K, V>(load: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K | null) {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await load([...keys]);
    return keys.map((key) => rows.filter((row) => keyOf(row) === key));
  });
}

/** The center's per-request loaders. */
export function createLoaders(db: PrismaClient) {
  return {
    windowById: oneEach<string, ServiceWindow>(
      (ids) => db.serviceWindow.findMany({ where: { id: { in: ids } } }),
      (row) => row.id,
    ),
    staffById: oneEach<string, Staff>(
      (ids) => db.staff.findMany({ where: { id: { in: ids } } }),
      (row) => row.id,
    ),
    staffByWindow: allEach<string, Staff>(
      (ids) => db.staff.findMany({ where: { windowId: { in: ids } }, orderBy: { id: 'asc' } }),
      (row) => row.windowId,
    ),
    authorizedItemsByStaff: new DataLoader<string, string[]>(async (staffIds) => {
      const rows = await db.windowAuthorization.findMany({
        where: { staffId: { in: [...staffIds] } },
        orderBy: { itemCode: 'asc' },
      });
      return staffIds.map((id) => rows.filter((row) => row.staffId === id).map((row) => row.itemCode));
    }),
    inquiriesByApplicant: allEach<number, Inquiry>(
      (ids) => db.inquiry.findMany({ where: { applicantId: { in: ids } }, orderBy: { id: 'asc' } }),
      (row) => row.applicantId,
    ),
    followUpByComplaint: oneEach<number, FollowUp>(
      (ids) => db.followUp.findMany({ where: { complaintId: { in: ids } } }),
      (row) => row.complaintId,
    ),
    followUpByEvaluation: oneEach<number, FollowUp>(
      (ids) => db.followUp.findMany({ where: { evaluationId: { in: ids } } }),
      (row) => row.evaluationId,
    ),
    complaintById: oneEach<number, Complaint>(
      (ids) => db.complaint.findMany({ where: { id: { in: ids } } }),
      (row) => row.id,
    ),
    jointApplicationById: oneEach<number, JointApplicationRow>(
      (ids) => db.jointApplication.findMany({ where: { id: { in: ids } }, include: { parts: true } }),
      (row) => row.id,
    ),
    evaluationById: oneEach<number, Evaluation>(
      (ids) => db.evaluation.findMany({ where: { id: { in: ids } } }),
      (row) => row.id,
    ),
  };
}

export type CenterLoaders = ReturnType<typeof createLoaders>;
