// @ts-check
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-imports": "off",
    },
  },
  {
    // forecasts/ is pure: no I/O, no Pulumi, no clock.
    files: ["forecasts/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: ["@pulumi/*", "fs", "node:*", "http", "https", "child_process", "path"],
        },
      ],
      "no-restricted-globals": ["error", "fetch", "process"],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "forecasts/ takes `now` as an argument." },
        { object: "Math", property: "random", message: "forecasts/ is deterministic." },
      ],
    },
  },
);
