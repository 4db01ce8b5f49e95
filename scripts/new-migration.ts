/**
 * `npm run migration -- <service> <name>`: writes the next migration of a service from the
 * difference between its Prisma models as committed (HEAD) and as they are now.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffToModels, writeMigration } from './prisma-migrations.js';

const root = fileURLToPath(new URL('../', import.meta.url));
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
  const sql = diffToModels(serviceDir, from);
  if (sql === null) {
    process.stdout.write(`services/${service}: the models match the committed ones; no migration written.\n`);
  } else {
    const dir = writeMigration(serviceDir, name, sql);
    process.stdout.write(`Wrote ${dir}/migration.sql; services apply it at their next start.\n`);
  }
} finally {
  rmSync(committed, { recursive: true, force: true });
}
