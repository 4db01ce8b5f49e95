/**
 * `npm run build`: every service and the gateway to JavaScript, so production runs them with
 * plain `node` (`npm run start -w services/housing`, or `node --conditions=onewindow-dist
 * services/housing/dist/index.js`). Codegen first (the Prisma clients and resolver types are
 * compiled with the rest), then `tsc -b` over every workspace's tsconfig.build.json, then the JSON files a module
 * reads beside itself (catalogs, the official calendar years) copied into dist/, then the web front.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The workspaces that build to JavaScript: each with a tsconfig.build.json (the web front builds with Vite). */
const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces;
const compiled = workspaces.filter((workspace) => existsSync(join(root, workspace, 'tsconfig.build.json')));

/** Copies every .json under a workspace's src/ to the same place under its dist/. */
function copyJsonAssets(workspace: string): number {
  const src = join(root, workspace, 'src');
  let copied = 0;
  cpSync(src, join(root, workspace, 'dist'), {
    recursive: true,
    filter: (path) => {
      const keep = !/\.[a-z]+$/i.test(path) || path.endsWith('.json');
      if (keep && path.endsWith('.json')) copied += 1;
      return keep && !relative(src, path).split('/').includes('node_modules');
    },
  });
  return copied;
}

async function step(name: string, command: string, args: string[]): Promise<void> {
  const started = performance.now();
  try {
    await run(command, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    process.stderr.write(`${stdout ?? ''}${stderr ?? ''}`);
    throw new Error(`build: ${name} failed`, { cause: error });
  }
  process.stdout.write(`build: ${name} (${Math.round(performance.now() - started)} ms)\n`);
}

await step('codegen', 'npm', ['run', 'codegen', '--silent']);
await step('tsc -b', process.execPath, [tsc, '-b', ...compiled.map((workspace) => `${workspace}/tsconfig.build.json`)]);
const assets = compiled.map(copyJsonAssets);
process.stdout.write(`build: ${assets.reduce((a, b) => a + b, 0)} JSON files copied beside the modules\n`);
await step('web', 'npm', ['run', 'build:web', '--silent']);
