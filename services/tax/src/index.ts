import { runUntilSignalled, startDepartment } from '@onewindow/kit';
import { tax } from './department.js';

runUntilSignalled('tax', () => startDepartment(tax));
