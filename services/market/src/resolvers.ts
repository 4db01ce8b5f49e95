import type { Resolvers } from './__generated__/resolvers-types.js';

/** Market regulation's own fields: the enterprise a case concerns. */
export const resolvers: Resolvers = {
  MarketCase: {
    enterprise: (row, _, { own }) => own.enterpriseByCase.load(row.id),
    creditCode: async (row, _, { own }) => (await own.enterpriseByCase.load(row.id))?.creditCode ?? null,
  },
};
