export * from './chain.js';
export * from './trail.js';
export * from './sqlite-store.js';
export * from './files.js';
export * from './postgres-store.js';
