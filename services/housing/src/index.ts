import { runUntilSignalled, startDepartment } from '@onewindow/kit';
import { housing } from './department.js';

runUntilSignalled('housing', () => startDepartment(housing));
