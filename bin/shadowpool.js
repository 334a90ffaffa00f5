#!/usr/bin/env node
// The `shadowpool` command: runs the TypeScript CLI through ts-node (transpile only, so start-up
// stays fast; `npm test` type-checks the whole project separately).
require("ts-node").register({
  transpileOnly: true,
  project: require("path").join(__dirname, "..", "tsconfig.json"),
});
void require("../program/cli/main.ts").main(process.argv);
