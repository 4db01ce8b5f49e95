import { runUntilSignalled } from '@onewindow/runtime';
import { startHost } from './host.js';

runUntilSignalled('host', () => startHost());
