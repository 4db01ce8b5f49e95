export * from './roles.js';
export * from './keys.js';
export * from './identity-token.js';
export * from './current-identity.js';
export * from './configuration.js';
export * from './installation-keys.js';
export * from './development-tokens.js';
export * from './applicant-id.js';
