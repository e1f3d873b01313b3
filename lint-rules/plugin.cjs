// CommonJS entry for tsserver, which loads plugins with require() by package
// name. Register in tsconfig.json:  "compilerOptions": { "plugins": [{ "name": "qmk-lint" }] }
// (this folder is the `qmk-lint` package — see lint-rules/README.md).
// The plugin itself is the compiled ESM in the qmk package's dist/ (built by
// `npm run build`); Node ≥ 20.19 / 22.12 (VS Code's) require()s ESM directly.
"use strict";
let mod;
try {
  mod = require("../dist/lint-rules/plugin.js"); // this checkout, or lint-rules/ inside an installed qmk
} catch (e) {
  if (e && e.code !== "MODULE_NOT_FOUND" && e.code !== "ERR_MODULE_NOT_FOUND") throw e;
  mod = require("qmk/lint/plugin-esm"); // qmk-lint installed on its own next to qmk
}
module.exports = mod.init;
