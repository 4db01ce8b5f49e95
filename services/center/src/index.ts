import { runUntilSignalled } from '@onewindow/runtime';
import { startCenter } from './server.js';

runUntilSignalled('center', () => startCenter());
