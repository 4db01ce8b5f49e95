import type { JointApplication, JointPart } from '../__generated__/prisma/client.js';
import { storedValue } from '@onewindow/runtime';

/** A joint application with its parts, as its resolvers read it. */
export type JointApplicationRow = JointApplication & { parts: JointPart[] };

/** A part, with the approval time of the part it waits for (for the handoff lag). */
export type JointPartView = JointPart & { dependedApprovedAt: Date | null };

/**
 * Whether a part has reached its department: WAITING for the part it depends on, PENDING (may go),
 * DISPATCHED (its department has its case), or REFUSED by the department on submission.
 */
export const DISPATCH_STATES = ['WAITING', 'PENDING', 'DISPATCHED', 'REFUSED'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];

export const storedDispatchState = (value: string): DispatchState =>
  storedValue(DISPATCH_STATES, value, 'dispatch state');
