// `"plugins": [{ "name": "qmk/lint/plugin" }]`: tsserver require()s this file
// (it ignores package.json "exports"); the plugin is lint-rules/plugin.cjs.
"use strict";
module.exports = require("../../lint-rules/plugin.cjs");
