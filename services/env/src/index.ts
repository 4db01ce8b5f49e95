import { runUntilSignalled } from '@onewindow/runtime';
import { startDepartment } from '@onewindow/kit';
import { env } from './department.js';

runUntilSignalled('env', () => startDepartment(env));
