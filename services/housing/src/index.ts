import { runUntilSignalled } from '@onewindow/runtime';
import { startDepartment } from '@onewindow/kit';
import { housing } from './department.js';

runUntilSignalled('housing', () => startDepartment(housing));
