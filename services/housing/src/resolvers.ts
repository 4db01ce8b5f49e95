import type { Resolvers } from './__generated__/resolvers-types.js';

/** Housing's own fields: the construction project a case is about. */
export const resolvers: Resolvers = {
  HousingCase: {
    constructionProject: (row, _, { own }) => own.projectByCase.load(row.id),
    floorArea: async (row, _, { own }) => (await own.projectByCase.load(row.id))?.floorArea ?? null,
  },
};
