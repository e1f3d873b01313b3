// One kernel process per data directory: a second opener gets a clear error
// (not a corrupted log), and the directory is usable again once the first closes.
import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { createKernel } from "../../kernel/index.js";

describe("data directory lock", () => {
  it("refuses a second kernel process on the same directory, with the field named", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-lock-"));
    const k = await createKernel({ dataDir: dir, fsync: false });
    try {
      const bin = path.resolve(__dirname, "../../bin/qmk.js");
      const r = spawnSync(process.execPath, [bin, "demo", "--data-dir", dir], { encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^qmk: RESOURCE_EXHAUSTED \(-32612\): data directory .* is in use by another kernel process/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await k.close();
    }
    // free again after close
    const k2 = await createKernel({ dataDir: dir, fsync: false });
    await k2.close();
  });
});
