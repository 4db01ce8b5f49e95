import { runUntilSignalled } from '@onewindow/runtime';
import { startDepartment } from '@onewindow/kit';
import { market } from './department.js';

runUntilSignalled('market', () => startDepartment(market));
