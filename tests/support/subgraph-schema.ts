import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { subgraphTypeDefs } from '../../schema/src/subgraphs.js';

/**
 * @apollo/subgraph loads graphql's CommonJS build and the tests its ES module build, two copies
 * whose types do not mix: a subgraph's schema is printed with the former and built again here.
 */
const { printSchema: printCommonJsSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * A subgraph's schema as its clients see it, less `Query._entities` for the query generator, which
 * does not select from a union (`_Entity`); a test that wants `_entities` calls it itself.
 */
export function subgraphSchema(name: string): GraphQLSchema {
  const schema = buildSchema(printCommonJsSchema(buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(name) }])));
  const { _entities: _left, ...fields } = schema.getQueryType()!.toConfig().fields;
  const query = new GraphQLObjectType({ ...schema.getQueryType()!.toConfig(), fields });
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, query, types: config.types.filter((type) => type.name !== query.name) });
}
