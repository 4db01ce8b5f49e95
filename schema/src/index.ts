export * from './registry.js';
export * from './sdl.js';
export * from './hub-view.js';
export * from './subgraphs.js';
export * from './compose.js';
export * from './lifecycle.js';
