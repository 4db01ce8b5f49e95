import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { MAX_DOCUMENT_TOKENS, knownOperationTypesRule } from '@onewindow/runtime';

type ParseFunction = Parameters<NonNullable<GatewayPlugin['onParse']>>[0]['parseFn'];

export interface DocumentRulesPluginOptions {
  /**
   * The most tokens a document may have; a longer one is refused before it is parsed whole.
   *
   * @default MAX_DOCUMENT_TOKENS, the subgraphs' own limit
   */
  maxTokens?: number;
}

/**
 * The parser with the subgraphs' limits: at most `maxTokens` tokens, and a document
 * nested too deeply for its recursion (a RangeError, which the runtime would answer with 500) is
 * a parse failure like any other.
 */
function limitedParse(parse: ParseFunction, maxTokens: number): ParseFunction {
  return (source, options) => {
    try {
      return parse(source, { ...options, maxTokens });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The status the runtime gives any syntax error, spelled out: its runtime may use another
      // copy of graphql-js (tests do), to which this is no GraphQLError, hence an unexpected 500.
      throw new GraphQLError('Syntax Error: the document is nested too deeply.', {
        extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400, spec: true } },
      });
    }
  };
}

/**
 * Parses and validates as the subgraphs do: a document over the token limit is refused before it
 * is parsed whole, and an operation type the supergraph does not have (`subscription { … }`) is
 * GRAPHQL_VALIDATION_FAILED. Without the rule the Rust planner fails to plan such an operation
 * and the JavaScript planner fails to execute it: an INTERNAL_SERVER_ERROR for a client's mistake.
 */
export function useDocumentRules({ maxTokens = MAX_DOCUMENT_TOKENS }: DocumentRulesPluginOptions = {}): GatewayPlugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn(limitedParse(parseFn, maxTokens));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(knownOperationTypesRule);
    },
  };
}
