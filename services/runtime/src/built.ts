/**
 * How plain node runs a service's built JavaScript (`npm run build`): the onewindow-dist export
 * condition makes `@onewindow/*` imports load the other workspaces' dist/ instead of their
 * TypeScript sources, and source maps put the .ts lines in stack traces. The workspaces'
 * `npm start` scripts say the same.
 */
export const BUILT_NODE_FLAGS = ['--conditions=onewindow-dist', '--enable-source-maps'] as const;

/** The built entry of a workspace (`services/housing`, `gateway`), relative to the repository. */
export const builtEntryOf = (workspace: string): string => `${workspace}/dist/index.js`;
