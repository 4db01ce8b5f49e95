import { runUntilSignalled } from '@onewindow/runtime';
import { startGateway } from './server.js';

runUntilSignalled('gateway', () => startGateway());
