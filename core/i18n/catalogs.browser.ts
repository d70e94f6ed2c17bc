/**
 * ./catalogs.ts in the browser's build (vite.config.ts): no catalog is bundled; the client entry
 * loads the page's own before hydrating (app/entry.client.tsx, app/utils/catalogs.ts).
 */
export const bundledCatalogs: { fr?: unknown; en?: unknown } = {};
