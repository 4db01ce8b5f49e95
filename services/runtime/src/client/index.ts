// The one client services call each other's subgraphs with.
export * from './service-client.js';
export * from './department-operation.js';
export type { CallResult, GraphQLResponse, WriteOptions } from './outcome.js';
export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
