import { ConflictError, type ServiceClient } from '@onewindow/runtime';
import { writeTransaction } from '@onewindow/kit';
import type { Bulletin, PrismaClient } from '../__generated__/prisma/client.js';
import type { RequestAudit } from '../audit/request-audit.js';
import { centerId } from '../ids.js';
import { computeBulletin } from './compute.js';

export interface BulletinRequest {
  month: string;
  /** Who generates it: the verified person (`role:sub`). */
  generatedBy: string;
  /** Publish a new version of a month that has one; otherwise that is a CONFLICT. */
  supersede: boolean;
}

/**
 * Computes a month's bulletin and stores it as an immutable snapshot: version 1, or with
 * `supersede` the next version, the earlier ones kept as they were.
 */
export async function publishBulletin(
  db: PrismaClient,
  services: ServiceClient,
  request: BulletinRequest,
  audit: RequestAudit,
  now: Date,
): Promise<Bulletin> {
  const { month, supersede } = request;
  const rows = await computeBulletin(services, db, month, now);
  // The check and the insert are one transaction: two generators cannot both make version 1.
  return writeTransaction(db, async (tx) => {
    const latest = await tx.bulletin.findFirst({ where: { month }, orderBy: { version: 'desc' } });
    if (latest && !supersede) {
      throw new ConflictError(
        `The bulletin of ${month} exists (version ${latest.version}); it is immutable. ` +
          'Pass supersede: true to publish a new version.',
        { month, version: latest.version },
      );
    }
    const bulletin = await tx.bulletin.create({
      data: {
        month,
        version: (latest?.version ?? 0) + 1,
        rows: JSON.stringify(rows),
        generatedAt: now,
        generatedBy: request.generatedBy,
      },
    });
    await audit.write(tx, 'generateBulletin', centerId('bulletin', bulletin.id), { month, version: bulletin.version });
    return bulletin;
  });
}
