import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { findDepartment } from '@onewindow/schema';
import { BadUserInputError, ConflictError, NotFoundError, parseGlobalId, requestFingerprint } from '@onewindow/runtime';
import { currentWorkingCalendar } from '@onewindow/kit';
import { departmentCatalog } from '../windows/coverage.js';
import { authorizeFastTrack, receiveMaterials } from '../fast-track/fast-track.js';
import { localCenterId, localCenterNumber } from '../ids.js';
import { closeInquiry, registerApplicant, takeInquiry } from '../applicants/applicants.js';
import { computeBulletin } from '../bulletin/compute.js';
import { parseJointInput } from '../joint/validation.js';
import { checkPartItems } from '../joint/catalog-check.js';
import { createOnce } from '../idempotent.js';
import { qualityMutations } from './quality-mutations.js';
import { enterCalendarYear } from '../calendar/calendar.js';
import { extendJointApplication } from '../joint/limit.js';

export const Mutation: MutationResolvers = {
  registerApplicant: (_, args, { db, now }) => registerApplicant(db, args, now()),
  takeInquiry: (_, { applicantId, question, staffId }, { db, now }) => {
    const applicant = localCenterNumber(applicantId, 'A');
    const staff = localCenterId(staffId);
    if (applicant === null || !staff) throw new NotFoundError('Unknown applicant or staff member.');
    return takeInquiry(db, applicant, question, staff, now());
  },
  closeInquiry: (_, { id, staffId, answer }, { db, now }) => {
    const inquiry = localCenterNumber(id, 'Q');
    const staff = localCenterId(staffId);
    if (inquiry === null || !staff) throw new NotFoundError('Unknown inquiry or staff member.');
    return closeInquiry(db, inquiry, staff, answer, now());
  },
  authorizeAtWindow: async (_, { staffId, itemId }, { db, departmentUrls, now }) => {
    const local = localCenterId(staffId);
    const staff = local ? await db.staff.findUnique({ where: { id: local } }) : null;
    if (!staff) throw new NotFoundError(`No staff member "${staffId}".`, { staffId });
    const { department, localId: itemCode } = parseGlobalId(itemId);
    if (staff.role !== 'CHIEF_REPRESENTATIVE' || staff.departmentCode !== department) {
      throw new BadUserInputError(`${staff.name} is not ${department}'s chief representative; only they may be authorized for its items.`, { field: 'staffId' });
    }
    const entry = findDepartment(department)!;
    const catalog = await departmentCatalog(departmentUrls[department], entry);
    if (!catalog.some((item) => item.code === itemCode)) throw new BadUserInputError(`${entry.name} has no item "${itemCode}".`, { field: 'itemId' });
    await db.windowAuthorization.upsert({
      where: { staffId_itemCode: { staffId: staff.id, itemCode } },
      update: {},
      create: { staffId: staff.id, department, itemCode, grantedAt: now() },
    });
    return staff;
  },
  authorizeFastTrack: (_, { input }, { db, departmentUrls, now }) => authorizeFastTrack(db, input, departmentUrls, now()),
  receiveFastTrackMaterials: (_, { id, materials }, { db, now }) => {
    const local = localCenterNumber(id, 'F');
    if (local === null) throw new NotFoundError(`No fast track "${id}".`, { id });
    return receiveMaterials(db, local, materials, now());
  },
  generateBulletin: async (_, { month, generatedBy, supersede }, context) => {
    const { db, hubUrl } = context;
    const by = generatedBy.trim();
    if (!by || by.length > 64) throw new BadUserInputError('generatedBy must name who generates it (1 to 64 characters).', { field: 'generatedBy' });
    const now = context.now();
    const rows = await computeBulletin(hubUrl, db, month, now);
    // The check and the insert are one transaction: two generators cannot both make version 1.
    return db.$transaction(async (tx) => {
      const latest = await tx.bulletin.findFirst({ where: { month }, orderBy: { version: 'desc' } });
      if (latest && !supersede) {
        throw new ConflictError(`The bulletin of ${month} exists (version ${latest.version}); it is immutable. Pass supersede: true to publish a new version.`, {
          month,
          version: latest.version,
        });
      }
      return tx.bulletin.create({ data: { month, version: (latest?.version ?? 0) + 1, rows: JSON.stringify(rows), generatedAt: now, generatedBy: by } });
    });
  },
  createJointApplication: async (_, { input }, { db, dispatchJointParts, departmentUrls, logger, now, jointLimits }) => {
    const parsed = parseJointInput(input);
    const fingerprint = requestFingerprint('createJointApplication', parsed);
    const find = () => db.jointApplication.findUnique({ where: { idempotencyKey: parsed.idempotencyKey }, include: { parts: true } });
    const joint = await createOnce(parsed.idempotencyKey, fingerprint, find, async () => {
      const items = await checkPartItems(parsed.parts, departmentUrls, logger);
      const created = await db.jointApplication.create({
        data: {
          idempotencyKey: parsed.idempotencyKey,
          fingerprint,
          projectName: parsed.projectName,
          applicantKind: parsed.applicant.kind,
          applicantName: parsed.applicant.name,
          applicantIdNumber: parsed.applicant.idNumber,
          leadDepartment: parsed.leadDepartment,
          kind: parsed.kind,
          limitWorkingDays: jointLimits[parsed.kind],
          createdAt: now(),
          parts: {
            create: parsed.parts.map((part, position) => ({
              position,
              department: part.department,
              itemCode: part.itemCode,
              ...items[position],
              dependsOn: part.dependsOn,
              dispatch: part.dependsOn === null ? 'PENDING' : 'WAITING',
            })),
          },
        },
        include: { parts: true },
      });
      // Every part that need not wait goes now, in parallel; any that fails stays PENDING for the next round.
      await dispatchJointParts();
      return created;
    });
    return db.jointApplication.findUniqueOrThrow({ where: { id: joint.id }, include: { parts: true } });
  },
  extendJointApplication: (_, { id, approvedBy, reason, workingDays, staffId }, { db, now }) => {
    const jointId = localCenterNumber(id, 'J');
    if (jointId === null) throw new NotFoundError(`No joint application "${id}".`, { id });
    const staff = localCenterId(staffId);
    if (!staff) throw new NotFoundError(`No staff member "${staffId}".`, { field: 'staffId' });
    return extendJointApplication(db, { jointId, approvedBy, reason, workingDays, staffId: staff }, now());
  },
  ...qualityMutations,
  enterCalendarYear: (_, { input, staffId }, { db, now }) => enterCalendarYear(db, currentWorkingCalendar, input, staffId, now()),
};
