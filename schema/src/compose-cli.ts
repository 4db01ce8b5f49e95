/**
 * `npm run compose`: writes schema/supergraph.graphql from the subgraphs' SDL.
 * `npm run compose -- --check`: fails when the committed file differs from a fresh composition.
 * `npm run compose -- --out FILE`: writes the supergraph to FILE instead. With
 * CONTRACT_DEPARTMENTS_FILE set, the supergraph has those departments too, and --out is required:
 * the committed file holds the built-in departments alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { composeSupergraph } from './compose.js';
import { CONTRACT_DEPARTMENTS_FILE } from './registry.js';

const { values } = parseArgs({
  options: { check: { type: 'boolean' }, hints: { type: 'boolean' }, out: { type: 'string' } },
});
const committedFile = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
if (process.env[CONTRACT_DEPARTMENTS_FILE] && !values.out) {
  process.stderr.write(
    `${CONTRACT_DEPARTMENTS_FILE} is set: write that supergraph elsewhere with --out FILE (the gateway's SUPERGRAPH_PATH).\n`,
  );
  process.exit(2);
}
const target = values.out ?? committedFile;
const { supergraphSdl, hints } = composeSupergraph();
const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';

if (values.check) {
  if (committed !== supergraphSdl) {
    process.stderr.write(`${target} is stale: run \`npm run compose\` and commit it.\n`);
    process.exit(1);
  }
  process.stdout.write(`${target} is up to date.\n`);
} else {
  writeFileSync(target, supergraphSdl);
  process.stdout.write(`Wrote ${target} (${supergraphSdl.length} bytes, ${hints.length} composition hints).\n`);
  if (values.hints) for (const hint of hints) process.stdout.write(`  ${hint}\n`);
}
