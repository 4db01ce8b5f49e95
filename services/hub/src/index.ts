import { runUntilSignalled } from '@onewindow/runtime';
import { startHub } from './server.js';

runUntilSignalled('hub', () => startHub());
