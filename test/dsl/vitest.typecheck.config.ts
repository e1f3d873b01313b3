// Type tests of the DSL: `npx vitest run --typecheck --config test/dsl/vitest.typecheck.config.ts`
// (also runs the ordinary test/dsl tests). A failed expectTypeOf or an
// unused `// @ts-expect-error` fails the run.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/dsl/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    typecheck: {
      enabled: true,
      include: ["test/dsl/**/*.test-d.ts"],
      tsconfig: "./test/dsl/tsconfig.typecheck.json",
    },
  },
});
