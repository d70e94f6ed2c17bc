/**
 * Import resolver for ESLint's layer rules (eslint-plugin-boundaries): resolves the app's `~/`
 * alias (tsconfig.json, vite.config.ts: `~/x` is `app/x`) and drops Vite's `?url` suffixes, then lets Node's resolution find the
 * file with the project's extensions. Without it, imports through `~/` would go unchecked.
 */
const path = require("node:path");
const node = require("eslint-import-resolver-node");

const ROOT = path.resolve(__dirname, "../..");
const EXTENSIONS = [".ts", ".tsx", ".mjs", ".js", ".json"];

module.exports = {
  interfaceVersion: 2,
  resolve(source, file) {
    // Vite's suffixes (`?url`, `?raw`) name the same file.
    const bare = source.replace(/\?[\w&=]*$/, "");
    const target = bare.startsWith("~/") ? path.join(ROOT, "app", bare.slice(2)) : bare;
    return node.resolve(target, file, { extensions: EXTENSIONS });
  },
};
