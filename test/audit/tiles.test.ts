// C2SP tlog-tiles export, read back the way a tiles client would: fetch the
// checkpoint, the hash tiles and the entry bundles by path, rebuild the root
// from them with plain SHA-256, and compare with the signed checkpoint.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog, parseVerifierKey, verifyCheckpoint } from "../../kernel/security/audit/index.js";
import { exportTiles, tileIndexPath, tilePath } from "../../kernel/security/audit/tiles.js";
import { KEY, tmpDir } from "./helpers.js";

const sha = (...p: Buffer[]) => p.reduce((h, b) => h.update(b), createHash("sha256")).digest();

/** RFC 6962 MTH over leaf hashes. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe("tlog-tiles export", () => {
  it("tile index paths follow the spec", () => {
    expect(tileIndexPath(0)).toBe("000");
    expect(tileIndexPath(1234067)).toBe("x001/x234/067");
    expect(tilePath(0, 3, 17)).toBe("tile/0/003.p/17");
    expect(tilePath("entries", 1000)).toBe("tile/entries/x001/000");
  });

  it("a client rebuilds the checkpoint's root from the tiles and the leaves from the bundles", async () => {
    const dir = tmpDir("tiles");
    const log = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    const N = 256 * 256 + 300; // two levels of tiles, partial ones at both
    for (let i = 0; i < N; i++) {
      log.append({ type: "cap.use", tenant: `t${i % 5}`, details: { i } });
      if (i % 20_000 === 0) await log.durable();
    }
    await log.close();
    const out = tmpDir("tiles-out");
    const r = exportTiles(dir, out);
    expect(r.size).toBe(N);
    expect(r.bundles).toBe(Math.ceil(N / 256));

    const vkey = parseVerifierKey(fs.readFileSync(path.join(dir, "audit.pub"), "utf8").trim());
    const cp = verifyCheckpoint(fs.readFileSync(path.join(out, "checkpoint"), "utf8"), [vkey]);
    expect(cp.size).toBe(N);
    const read = (rel: string) => fs.readFileSync(path.join(out, rel));

    // level 0: every leaf hash; it matches the bundle's entries
    const leaves: Buffer[] = [];
    for (let n = 0; n * 256 < N; n++) {
      const w = Math.min(256, N - n * 256);
      const tile = read(tilePath(0, n, w));
      const bundle = read(tilePath("entries", n, w));
      let off = 0;
      for (let i = 0; i < w; i++) {
        const len = bundle.readUInt16BE(off);
        const entry = bundle.subarray(off + 2, off + 2 + len);
        off += 2 + len;
        const h = tile.subarray(i * 32, i * 32 + 32);
        expect(h.equals(sha(Buffer.from([0]), entry))).toBe(true);
        leaves.push(Buffer.from(h));
      }
      expect(off).toBe(bundle.length);
    }
    expect(mth(leaves).equals(Buffer.from(cp.root))).toBe(true);
    // level 1: hashes of full 256-leaf subtrees
    const l1 = read(tilePath(1, 0)); // 257 full subtrees: tile 0 full, tile 1 partial of width 1
    expect(l1.length).toBe(32 * 256);
    expect(read(tilePath(1, 1, 1)).equals(mth(leaves.slice(65536, 65536 + 256)))).toBe(true);
    expect(l1.subarray(32, 64).equals(mth(leaves.slice(256, 512)))).toBe(true);
    // level 2: one full 65 536-leaf subtree
    expect(read(tilePath(2, 0, 1)).equals(mth(leaves.slice(0, 65536)))).toBe(true);
  }, 60_000);

  it("refuses a log that does not verify", async () => {
    const dir = tmpDir("tiles-bad");
    const log = AuditLog.open({ dir, signingKey: KEY });
    log.append({ type: "cap.use" });
    await log.close();
    fs.rmSync(path.join(dir, "audit.pub"));
    expect(() => exportTiles(dir, tmpDir("tiles-bad-out"))).toThrow(/no verifier key/);
  });
});
