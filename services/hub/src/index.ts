import { runUntilSignalled } from '@onewindow/kit';
import { startHub } from './server.js';

runUntilSignalled('hub', () => startHub());
