import type { Resolvers } from './__generated__/resolvers-types.js';

/** Taxation's own fields: the property transaction a case concerns. */
export const resolvers: Resolvers = {
  TaxCase: {
    propertyTransaction: async (row, _, { own }) => {
      const transaction = await own.transactionByCase.load(row.id);
      return transaction && { ...transaction, taxKinds: JSON.parse(transaction.taxKinds) as string[] };
    },
    taxAmount: async (row, _, { own }) => (await own.transactionByCase.load(row.id))?.taxAmount ?? null,
  },
};
