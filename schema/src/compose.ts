import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { departments, subgraphNames } from './registry.js';
import { subgraphTypeDefs } from './subgraphs.js';
import { subgraphUrl } from './registry.js';

export interface Composition {
  supergraphSdl: string;
  /** The schema clients see (no join directives, no @inaccessible): what the web front's operations are checked against. */
  apiSchemaSdl: string;
  /** Composition hints: not errors, but worth a look (printed by `npm run compose`). */
  hints: string[];
}

/**
 * Composes every subgraph (the hub, the center and each registered department) into the
 * supergraph, in-process with @apollo/composition. The URLs recorded are the defaults; the
 * gateway replaces them from its environment. Throws with every composition error at once.
 * `names` composes some of them only (a test federation of a few services); the hub's view then
 * covers just the departments among them.
 */
export function composeSupergraph(names: readonly string[] = subgraphNames): Composition {
  const inHubView = departments.filter((d) => names.includes(d.code));
  const result = composeServices(
    names.map((name) => ({ name, url: subgraphUrl(name, {}), typeDefs: subgraphTypeDefs(name, inHubView) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return {
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema()),
    hints: result.hints.map((h) => h.toString()),
  };
}
