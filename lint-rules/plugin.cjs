// CommonJS entry for tsserver, which loads plugins with require(). The plugin is
// TypeScript/ESM source; tsx's CommonJS API compiles it on the fly.
// Register in tsconfig.json:  "compilerOptions": { "plugins": [{ "name": "qmk-lint" }] }
// (tsserver resolves the name from node_modules — see lint-rules/README.md).
"use strict";
const { register } = require("tsx/cjs/api");
const api = register({ namespace: "qmk-lint" }); // scoped: does not hook the editor's other requires
const mod = api.require("./plugin.ts", __filename);
module.exports = mod.init;
