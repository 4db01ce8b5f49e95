import type { Resolvers } from './__generated__/resolvers-types.js';

/** Natural resources' own fields: the land parcel a case concerns. */
export const resolvers: Resolvers = {
  NatresCase: {
    landParcel: (row, _, { own }) => own.parcelByCase.load(row.id),
    parcelArea: async (row, _, { own }) => (await own.parcelByCase.load(row.id))?.area ?? null,
  },
};
