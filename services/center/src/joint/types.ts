import type { JointApplication, JointPart } from '../__generated__/prisma/client.js';

/** A joint application with its parts, as its resolvers read it. */
export type JointApplicationRow = JointApplication & { parts: JointPart[] };

/** A part, with the approval time of the part it waits for (for the handoff lag). */
export type JointPartView = JointPart & { dependedApprovedAt: Date | null };
