/**
 * `npm run schema:check -- [<subgraph>] [--sdl FILE] [--against REV]` composes the proposed graph
 * (the working tree's subgraphs; with --sdl, that department's own SDL from FILE) and reports how
 * the schema clients see would change: breaking, dangerous and safe changes, in words. It compares
 * with the published supergraph (schema/published-supergraph.graphql: what the county's clients
 * use), or with the one committed at REV. Exits 1 on a breaking change that
 * schema/breaking-changes.json does not acknowledge, or when the graph does not compose.
 *
 * `npm run schema:check -- --publish` records a release: the committed supergraph becomes the
 * published one, and the acknowledgements, now spent, are cleared.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'graphql';
import { checkSchema, describeSchemaCheck, readAcknowledgements } from '../schema/src/schema-check.js';

const root = new URL('../', import.meta.url).pathname;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sdl: { type: 'string' },
    against: { type: 'string' },
    publish: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  process.stdout.write('usage: npm run schema:check -- [<subgraph>] [--sdl FILE] [--against REV] | --publish\n');
  process.exit(0);
}
const published = join(root, 'schema/published-supergraph.graphql');
const acknowledgementsFile = join(root, 'schema/breaking-changes.json');
if (values.publish) {
  copyFileSync(join(root, 'schema/supergraph.graphql'), published);
  writeFileSync(acknowledgementsFile, '[]\n');
  process.stdout.write('schema/supergraph.graphql is now the published supergraph; acknowledgements cleared.\n');
  process.exit(0);
}
const [subgraph] = positionals;
if (values.sdl && !subgraph) {
  process.stderr.write('--sdl needs the subgraph it proposes: npm run schema:check -- housing --sdl FILE\n');
  process.exit(2);
}

/** The supergraph clients use: as committed at the revision compared against. */
function supergraphAt(revision: string): string {
  try {
    return execFileSync('git', ['show', `${revision}:schema/supergraph.graphql`], { cwd: root, encoding: 'utf8' });
  } catch {
    process.stderr.write(`No schema/supergraph.graphql at ${revision}.\n`);
    process.exit(2);
  }
}

/** The operations clients are known to send: the trusted documents and the web front's. */
function clientDocuments(): string[] {
  const folders = ['gateway/trusted-documents', 'web/src/graphql'].map((folder) => join(root, folder));
  return folders.filter(existsSync).flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => readFileSync(join(folder, file), 'utf8')),
  );
}

const result = await checkSchema({
  currentSupergraphSdl: values.against ? supergraphAt(values.against) : readFileSync(published, 'utf8'),
  ...(subgraph
    ? { proposed: { subgraph, ...(values.sdl ? { ownTypeDefs: parse(readFileSync(values.sdl, 'utf8')) } : {}) } }
    : {}),
  clientDocuments: clientDocuments(),
  acknowledgements: readAcknowledgements(acknowledgementsFile),
});
const against = values.against ? `the supergraph at ${values.against}` : 'the published supergraph';
process.stdout.write(describeSchemaCheck(result, against));
process.exit(result.compositionErrors.length || result.unacknowledged.length ? 1 : 0);
