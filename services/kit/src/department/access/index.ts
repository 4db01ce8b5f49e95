// The department access policy (docs/security.md, "What a department serves"): one file per concern.
export * from './caller.js';
export * from './masking.js';
export * from './policy.js';
export * from './reads.js';
export * from './writes.js';
export * from './acting.js';
export * from './fields.js';
export * from './guard.js';
export * from './personal-reads.js';
