import { runUntilSignalled } from '@onewindow/kit';
import { startGateway } from './server.js';

runUntilSignalled('gateway', () => startGateway());
