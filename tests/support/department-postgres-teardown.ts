import { afterAll } from 'vitest';
import { stopDepartmentPostgres } from './department-database.js';

// A setup file of the department suite's PostgreSQL run: each test file's cluster stops with it.
afterAll(stopDepartmentPostgres);
