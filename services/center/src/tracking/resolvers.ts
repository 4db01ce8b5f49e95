import { ErrorCode, OnewindowError } from '@onewindow/runtime';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { trackCase } from './track-case.js';

/** 远程查询: the public tracks a case by its receipt, through the department that owns it. */
export const trackingResolvers: Resolvers = {
  Query: {
    trackCase: (_, { number, verificationCode }, { services, trackingLimiter, clientAddress }) => {
      if (!trackingLimiter.take(clientAddress)) {
        throw new OnewindowError(ErrorCode.RATE_LIMITED, 'Too many tracking attempts; wait a minute and try again.');
      }
      return trackCase(services, number, verificationCode);
    },
  },
};
