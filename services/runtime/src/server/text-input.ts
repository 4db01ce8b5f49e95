import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import { BadUserInputError } from '../errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, tooDeepMessage } from './json-depth.js';

/** A NUL, or a UTF-16 surrogate without its other half (what JSON's "\ud800" gives). */
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Where in `value` (the request's variables) a string holds something that is not text, as a
 * path like `input.applicant.name`, or null when every string is text.
 */
function illFormedAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return NOT_TEXT.test(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value) ? value.map((item, i) => [`[${i}]`, item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const found = illFormedAt(item, Array.isArray(value) ? `${path}${key}` : path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/** Each parsed document's answer: Apollo Server hands over the same document for the same query text. */
const literalsChecked = new WeakMap<DocumentNode, boolean>();

/** Whether a string literal of the document (an inline argument) holds something that is not text. */
function hasIllFormedLiteral(document: DocumentNode): boolean {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      [Kind.STRING]: (node) => {
        if (NOT_TEXT.test(node.value)) found = true;
      },
    });
    literalsChecked.set(document, found);
  }
  return found;
}

/**
 * An Apollo Server plugin that refuses, as BAD_USER_INPUT before anything runs, a request whose
 * strings (variables or inline arguments) hold a NUL or half a surrogate pair. Neither is text:
 * PostgreSQL refuses a NUL, Prisma cannot send half a pair, and SQLite would keep what the other
 * cannot, so the same request would be stored by one database and fail in the other.
 */
export function textInputPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          // Variables in a GET's query string, which the transport's check of the body does not see.
          if (nestsDeeperThan(request.variables, MAX_JSON_DEPTH))
            throw new BadUserInputError(tooDeepMessage, { http: { status: 200 } });
          const variable = illFormedAt(request.variables ?? {}, '');
          const where =
            variable !== null ? `The variable $${variable}` : hasIllFormedLiteral(document) ? 'An argument' : null;
          if (where === null) return;
          throw new BadUserInputError(
            `${where} holds a character that is not text (a NUL, or half of a UTF-16 surrogate pair); remove it and send the request again.`,
            // 200, as for any refused argument: a router (@apollo/gateway) takes a 400 from a subgraph for a failed call.
            { http: { status: 200 } },
          );
        },
      };
    },
  };
}
