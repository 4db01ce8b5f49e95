import { runUntilSignalled } from '@onewindow/runtime';
import { startDepartment } from '@onewindow/kit';
import { natres } from './department.js';

runUntilSignalled('natres', () => startDepartment(natres));
