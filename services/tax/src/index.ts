import { runUntilSignalled } from '@onewindow/runtime';
import { startDepartment } from '@onewindow/kit';
import { tax } from './department.js';

runUntilSignalled('tax', () => startDepartment(tax));
