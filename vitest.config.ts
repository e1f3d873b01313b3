import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // dist/ is what the bin, the editor plugin and the install test run: rebuilt first.
    globalSetup: ["./test/global-setup.ts"],
    // Type tests (`*.test-d.ts`): the compiler must reject what they mark
    // with @ts-expect-error, and accept the rest. Part of `npm test`.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./test/dsl/tsconfig.typecheck.json",
    },
  },
});
