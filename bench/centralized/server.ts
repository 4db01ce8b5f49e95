/**
 * The centralized alternative as a service: ONE GraphQL server (Apollo Server 5 on the same HTTP
 * transport as our subgraphs, no federation) over ONE SQLite database holding all cases, answering the
 * benchmark's queries over HTTP like ours. Run by bench/run.ts with CENTRAL_DB and PORT.
 */
import Database from 'better-sqlite3';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { encodeCursor, decodeCursor, graphqlHttpServer } from '../../services/runtime/src/index.js';
import { dashboardSql, overdueSql } from './queries.js';

const db = new Database(process.env.CENTRAL_DB!, { readonly: true });
const typeDefs = `#graphql
  type DepartmentRow { department: ID! count: Int! concluded: Int! overdue: Int! onTimeRate: Float }
  type CaseNode { id: ID! number: String! deadline: String department: String! }
  type Edge { cursor: String! node: CaseNode! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type CasePage { edges: [Edge!]! pageInfo: PageInfo! }
  type Query {
    dashboard(submittedFrom: String!): [DepartmentRow!]!
    casesByDeadline(
      overdueOnly: Boolean!
      first: Int!
      after: String
      direction: String = "ASC"
      departments: [String!]
    ): CasePage!
  }
`;
const isPosition = (v: unknown): v is [string, number, number] => Array.isArray(v) && v.length === 3;
const resolvers = {
  Query: {
    dashboard: (_: unknown, { submittedFrom }: { submittedFrom: string }) =>
      dashboardSql(db, new Date(submittedFrom), new Date()).map((r) => ({
        ...r,
        onTimeRate: r.decided ? r.onTime / r.decided : null,
      })),
    casesByDeadline: (
      _: unknown,
      args: {
        overdueOnly: boolean;
        first: number;
        after?: string | null;
        direction: 'ASC' | 'DESC';
        departments?: string[] | null;
      },
    ) => {
      const rows = overdueSql(
        db,
        new Date(),
        args.first + 1,
        args.after ? decodeCursor(args.after, isPosition) : null,
        {
          overdueOnly: args.overdueOnly,
          direction: args.direction,
          ...(args.departments ? { departments: args.departments } : {}),
        },
      );
      const edges = rows.slice(0, args.first).map((r) => ({
        cursor: encodeCursor([r.sortKey, r.departmentIndex, r.id]),
        node: { id: `${r.department}:${r.id}`, number: r.number, deadline: r.deadline, department: r.department },
      }));
      return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  },
};
// Cache-control hints are off, as in our subgraphs (services/runtime/src/server/subgraph-server.ts).
const server = new ApolloServer({ typeDefs, resolvers, plugins: [ApolloServerPluginCacheControlDisabled()] });
await server.start();
// Served over HTTP exactly as our subgraphs are (services/runtime/src/server/http-transport.ts).
const httpServer = graphqlHttpServer(server, {
  authenticate: async () => ({ caller: undefined }),
  context: async () => ({}),
  onUnexpected: (error) => process.stderr.write(`${String(error)}\n`),
});
httpServer.listen(Number(process.env.PORT), '127.0.0.1', () =>
  process.stdout.write(`centralized listening on port ${process.env.PORT}\n`),
);
