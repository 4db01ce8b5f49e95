import { runUntilSignalled } from '@onewindow/kit';
import { startCenter } from './server.js';

runUntilSignalled('center', () => startCenter());
