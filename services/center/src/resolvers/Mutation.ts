import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { parseJointInput } from '../joint/validation.js';

export const Mutation: MutationResolvers = {
  createJointApplication: async (_, { input }, { db, dispatchJointParts }) => {
    const parsed = parseJointInput(input);
    const existing = await db.jointApplication.findUnique({ where: { idempotencyKey: parsed.idempotencyKey }, include: { parts: true } });
    if (existing) return existing;
    const created = await db.jointApplication.create({
      data: {
        idempotencyKey: parsed.idempotencyKey,
        projectName: parsed.projectName,
        applicantKind: parsed.applicant.kind,
        applicantName: parsed.applicant.name,
        applicantIdNumber: parsed.applicant.idNumber,
        leadDepartment: parsed.leadDepartment,
        createdAt: new Date(),
        parts: {
          create: parsed.parts.map((part, position) => ({
            position,
            department: part.department,
            itemCode: part.itemCode,
            dependsOn: part.dependsOn,
            dispatch: part.dependsOn === null ? 'PENDING' : 'WAITING',
          })),
        },
      },
    });
    // Every part that need not wait goes now, in parallel; any that fails stays PENDING for the next round.
    await dispatchJointParts();
    return db.jointApplication.findUniqueOrThrow({ where: { id: created.id }, include: { parts: true } });
  },
};
