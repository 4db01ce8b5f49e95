/**
 * `npm run compose`: writes schema/supergraph.graphql from the subgraphs' SDL.
 * `npm run compose -- --check`: fails when the committed file differs from a fresh composition.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from './compose.js';

const target = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
const { supergraphSdl, hints } = composeSupergraph();
const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';

if (process.argv.includes('--check')) {
  if (committed !== supergraphSdl) {
    process.stderr.write('schema/supergraph.graphql is stale: run `npm run compose` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('schema/supergraph.graphql is up to date.\n');
} else {
  writeFileSync(target, supergraphSdl);
  process.stdout.write(
    `Wrote schema/supergraph.graphql (${supergraphSdl.length} bytes, ${hints.length} composition hints).\n`,
  );
  if (process.argv.includes('--hints')) for (const hint of hints) process.stdout.write(`  ${hint}\n`);
}
