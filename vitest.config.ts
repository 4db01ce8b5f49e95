import { defineConfig } from 'vitest/config';

/**
 * The center's suite, run a second time with the center on PostgreSQL (a cluster each file
 * starts: tests/support/center-database.ts); every other test file runs once, on SQLite.
 */
const CENTER_SUITE = [
  'tests/center.e2e.test.ts',
  'tests/center-quality.e2e.test.ts',
  'tests/center-bad-input.e2e.test.ts',
  'tests/joint-limit.e2e.test.ts',
  'tests/quality-timing.e2e.test.ts',
  'tests/legal-notices.e2e.test.ts',
  'tests/calendar.e2e.test.ts',
  'tests/reliability/races.test.ts',
  'tests/reliability/crash-center.test.ts',
];

/**
 * The department suite, run a second time with every department a test starts on PostgreSQL (a
 * cluster each file starts, a database for each department: tests/support/department-database.ts).
 */
const DEPARTMENT_SUITE = [
  'tests/lifecycle.test.ts',
  'tests/legal-procedures.test.ts',
  'tests/department-data.test.ts',
  'tests/daily-stats.test.ts',
  'tests/hub.e2e.test.ts',
  'tests/reliability/crash-department.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'scratch/**', '.data/**'],
    // End-to-end files boot real services (migrations, seeding): generous but finite limits.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'default', include: ['**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'center-postgresql',
          include: CENTER_SUITE,
          env: { ONEWINDOW_TEST_CENTER_DATABASE: 'postgresql' },
        },
      },
      {
        extends: true,
        test: {
          name: 'department-postgresql',
          include: DEPARTMENT_SUITE,
          env: { ONEWINDOW_TEST_DEPARTMENT_DATABASE: 'postgresql' },
          setupFiles: ['tests/support/department-postgres-teardown.ts'],
        },
      },
    ],
  },
});
