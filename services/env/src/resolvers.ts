import type { EiaCategory, Resolvers } from './__generated__/resolvers-types.js';

/** Ecology and environment's own fields: the impact assessment a case concerns. */
export const resolvers: Resolvers = {
  EnvCase: {
    assessment: async (row, _, { own }) => {
      const assessment = await own.assessmentByCase.load(row.id);
      return (
        assessment && {
          category: assessment.category as EiaCategory,
          industry: assessment.industry,
          pollutantTypes: JSON.parse(assessment.pollutantTypes) as string[],
          totalInvestment: assessment.totalInvestment,
        }
      );
    },
    eiaCategory: async (row, _, { own }) =>
      ((await own.assessmentByCase.load(row.id))?.category as EiaCategory | undefined) ?? null,
  },
};
