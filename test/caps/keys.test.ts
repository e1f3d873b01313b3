import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { KEY_PURPOSES, KeyFileError, KeyRing, ROOT_KEY_FILE } from "../../kernel/security/keys.js";
import { tmpDir } from "./helpers.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("KeyRing", () => {
  it("creates DIR/root.key with mode 0600 on first start and reuses it", () => {
    const dir = path.join(tmpDir(), "data");
    const a = KeyRing.loadOrCreate(dir);
    const file = path.join(dir, ROOT_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([ROOT_KEY_FILE]); // no temp file left behind
    const b = KeyRing.loadOrCreate(dir);
    expect(hex(b.derive("tokens"))).toBe(hex(a.derive("tokens")));
    expect(a.fingerprint()).toBe(b.fingerprint());
    // a different directory is a different kernel
    expect(hex(KeyRing.loadOrCreate(tmpDir()).derive("tokens"))).not.toBe(hex(a.derive("tokens")));
  });

  it("creates the key file 0600 even under a permissive umask", () => {
    const old = process.umask(0);
    try {
      const dir = tmpDir();
      KeyRing.loadOrCreate(dir);
      expect(fs.statSync(path.join(dir, ROOT_KEY_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it("never prints the secret in its fingerprint or errors", () => {
    const dir = tmpDir();
    const ring = KeyRing.loadOrCreate(dir);
    const secretHex = fs.readFileSync(path.join(dir, ROOT_KEY_FILE), "utf8").split(" ")[1];
    expect(secretHex).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHex).not.toContain(ring.fingerprint());
  });

  it("refuses a key file readable by group or others", () => {
    for (const mode of [0o640, 0o604, 0o644, 0o660]) {
      const dir = tmpDir();
      KeyRing.loadOrCreate(dir);
      fs.chmodSync(path.join(dir, ROOT_KEY_FILE), mode);
      expect(() => KeyRing.loadOrCreate(dir)).toThrow(/too open/);
    }
  });

  it("refuses a tampered, truncated, lengthened or foreign-format key file", () => {
    const mutate: Array<(s: string) => string> = [
      (s) => s.replace(/ ([0-9a-f])/, (_m, c: string) => " " + (c === "0" ? "1" : "0")), // one hex digit of the secret
      (s) => s.slice(0, 40), // truncated
      (s) => s.replace(/ ([0-9a-f]{64}) /, (_m, k: string) => ` ${k}00 `), // 33-byte secret
      (s) => s.replace(/[0-9a-f]{8}\n$/, "00000000\n"), // wrong checksum
      (s) => Buffer.from(s.split(" ")[1], "hex").toString("latin1"), // raw bytes only
      () => "",
    ];
    for (const m of mutate) {
      const dir = tmpDir();
      KeyRing.loadOrCreate(dir);
      const file = path.join(dir, ROOT_KEY_FILE);
      fs.writeFileSync(file, m(fs.readFileSync(file, "utf8")));
      fs.chmodSync(file, 0o600);
      expect(() => KeyRing.loadOrCreate(dir)).toThrow(KeyFileError);
    }
  });

  it("refuses a key file that is a symlink", () => {
    const dir = tmpDir();
    const real = tmpDir();
    KeyRing.loadOrCreate(real);
    fs.symlinkSync(path.join(real, ROOT_KEY_FILE), path.join(dir, ROOT_KEY_FILE));
    expect(() => KeyRing.loadOrCreate(dir)).toThrow(/symbolic link/);
  });

  it("derives distinct 32-byte keys per purpose and per context, deterministically", () => {
    const ring = KeyRing.fromSecret(new Uint8Array(32).fill(9));
    const seen = new Set<string>();
    for (const p of KEY_PURPOSES) {
      for (const ctx of ["", "alice", "bob", "alice\u0000"]) {
        const k = ring.derive(p, ctx);
        expect(k.length).toBe(32);
        seen.add(hex(k));
        expect(hex(ring.derive(p, ctx))).toBe(hex(k)); // cached / stable
      }
    }
    expect(seen.size).toBe(KEY_PURPOSES.length * 4);
    // same secret elsewhere → same keys (embedder-supplied secret)
    expect(hex(KeyRing.fromSecret(new Uint8Array(32).fill(9)).derive("handles"))).toBe(hex(ring.derive("handles")));
    expect(hex(KeyRing.fromSecret(new Uint8Array(32).fill(8)).derive("handles"))).not.toBe(hex(ring.derive("handles")));
  });

  it("returns copies: mutating a derived key does not change the next one", () => {
    const ring = KeyRing.fromSecret(new Uint8Array(32).fill(1));
    const k = ring.derive("tokens");
    const before = hex(k);
    k.fill(0);
    expect(hex(ring.derive("tokens"))).toBe(before);
  });

  it("refuses unknown purposes and short embedder secrets", () => {
    const ring = KeyRing.fromSecret(new Uint8Array(32));
    expect(() => ring.derive("token" as never)).toThrow(/unknown key purpose/);
    expect(() => KeyRing.fromSecret(new Uint8Array(31))).toThrow(/at least 32/);
  });
});
