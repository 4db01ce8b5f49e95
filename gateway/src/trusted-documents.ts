import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import type { Identity, Role } from '@onewindow/runtime';
import { sha256 } from './plugins/useAudit.js';

/** The dashboard's operations, one `.graphql` file each, committed with the gateway. */
export const TRUSTED_DOCUMENTS_DIR = fileURLToPath(new URL('../trusted-documents/', import.meta.url));

/**
 * The trusted documents by ID: each `.graphql` file of `dir`, keyed by the SHA-256 (hex) of its
 * exact contents, the manifest built at every start so it never falls behind the files. A client
 * sends `{"documentId": "<sha256>", "variables": …}` (or Apollo's `extensions.persistedQuery.sha256Hash`,
 * or `?documentId=` on a GET); `sha256sum gateway/trusted-documents/*.graphql` prints the IDs.
 */
export function loadTrustedDocuments(dir: string = TRUSTED_DOCUMENTS_DIR): Map<string, string> {
  const documents = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    documents.set(sha256(text), text);
  }
  return documents;
}

type PersistedDocumentsOption = NonNullable<GatewayConfigSupergraph['persistedDocuments']>;

/**
 * The runtime's `persistedDocuments` option: a trusted document is run by its ID; any other
 * document is allowed, except for the roles in `persistedOnlyRoles`, which may send only the
 * trusted ones. Every refusal says what to send instead, with a code the error masker passes.
 */
export function persistedDocumentsOption(
  documents: ReadonlyMap<string, string>,
  persistedOnlyRoles: readonly Role[],
  identityOf: (request: Request) => Identity | undefined,
): PersistedDocumentsOption {
  const restricted = new Set<Role>(persistedOnlyRoles);
  return {
    getPersistedOperation: (id: string) => documents.get(id) ?? null,
    allowArbitraryDocuments: (request: Request) => !restricted.has(identityOf(request)?.role ?? 'public'),
    customErrors: {
      notFound: {
        message: "No trusted document has this ID: send the SHA-256 (hex) of one of the gateway's trusted documents.",
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'The request has no query: send a `query`, or the `documentId` of a trusted document.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: 'Only the trusted documents may be run by this caller: send its `documentId` instead of a query.',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
    },
  };
}
