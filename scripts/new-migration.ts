/**
 * `npm run migration -- <service> <name>`: writes the next migration of a service from the
 * difference between its Prisma models as committed (HEAD) and as they are now.
 *
 * Prisma's `migrate dev` needs a shadow database, which does not work with the offline JS engine
 * (it replays each migration through the driver adapter, which runs one statement per call), so
 * migrations are made with `migrate diff` and applied at start by `migrate deploy`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const [service, name] = process.argv.slice(2);
if (!service || !name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('usage: npm run migration -- <service> <name_in_snake_case>\n');
  process.exit(2);
}
const serviceDir = join(root, 'services', service);
const committed = mkdtempSync(join(tmpdir(), 'onewindow-migration-'));
try {
  let from: string[];
  try {
    // The service's prisma/ folder and the kit's (its contract.prisma is linked in) as committed.
    const archive = execFileSync('git', ['archive', 'HEAD', `services/${service}/prisma`, 'services/kit/prisma'], { cwd: root });
    execFileSync('tar', ['-x', '-C', committed], { input: archive });
    from = ['--from-schema-datamodel', join(committed, 'services', service, 'prisma')];
  } catch {
    from = ['--from-empty'];
  }
  const sql = execFileSync(
    process.execPath,
    [prismaCli, 'migrate', 'diff', '--config', 'prisma.config.ts', ...from, '--to-schema-datamodel', 'prisma', '--script'],
    { cwd: serviceDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  if (/empty migration/i.test(sql)) {
    process.stdout.write(`services/${service}: the models match the committed ones; no migration written.\n`);
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(serviceDir, 'prisma', 'migrations', `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  process.stdout.write(`Wrote ${dir}/migration.sql; services apply it at their next start.\n`);
} finally {
  rmSync(committed, { recursive: true, force: true });
}
