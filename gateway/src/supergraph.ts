import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit } from 'graphql';

/**
 * Reads the committed supergraph and points each subgraph at its configured URL: the file
 * records the default ports, a deployment (or a test on free ports) has its own.
 */
export function loadSupergraph(path: string, urls: Record<string, string>): string {
  const document = parse(readFileSync(path, 'utf8'));
  const rewritten = visit(document, {
    Directive(node) {
      if (node.name.value !== 'join__graph') return undefined;
      const name = node.arguments?.find((a) => a.name.value === 'name')?.value;
      const url = name?.kind === Kind.STRING ? urls[name.value] : undefined;
      if (!url) return undefined;
      return {
        ...node,
        arguments: node.arguments?.map((a) =>
          a.name.value === 'url' ? { ...a, value: { kind: Kind.STRING, value: url } } : a,
        ),
      };
    },
  });
  return print(rewritten);
}
