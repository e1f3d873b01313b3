// Measurement randomness, one private stream per session and per job.
//
// Why streams: outcomes drawn from one shared generator leak across tenants —
// a tenant that learns its position in the stream from its own outcomes
// predicts another tenant's, counts its hidden measurements, and can steer
// them by spending draws. So every consumer of randomness (an eager session,
// a job shot) draws from its own HMAC-DRBG (NIST SP 800-90A Rev. 1, §10.1.2,
// HMAC-SHA256), instantiated from a key derived from the kernel's root
// secret. No stream's draws move another's.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * Bytes per refill: small at first (a job shot often needs one or two draws,
 * and instantiating costs four HMACs), doubling up to 1 KiB (128 doubles).
 */
const FIRST_BLOCK_BYTES = 64;
const MAX_BLOCK_BYTES = 1024;
/** SP 800-90A reseed interval is 2^48 requests; far beyond any session or shot here. */
const MAX_GENERATES = 2 ** 40;

/** HMAC-DRBG (SHA-256) without prediction resistance or reseeding (a stream is short-lived). */
export class HmacDrbg {
  private k = new Uint8Array(32);
  private v = new Uint8Array(32).fill(1);
  private generates = 0;

  constructor(seedMaterial: Uint8Array) {
    if (seedMaterial.length < 32) throw new Error("HMAC-DRBG seed material must be at least 32 bytes");
    this.update(seedMaterial);
  }

  /** SP 800-90A HMAC_DRBG_Update. */
  private update(data?: Uint8Array): void {
    this.k = hmac(sha256, this.k, concatBytes(this.v, Uint8Array.of(0), data ?? new Uint8Array(0)));
    this.v = hmac(sha256, this.k, this.v);
    if (!data || data.length === 0) return;
    this.k = hmac(sha256, this.k, concatBytes(this.v, Uint8Array.of(1), data));
    this.v = hmac(sha256, this.k, this.v);
  }

  /** SP 800-90A HMAC_DRBG_Generate (no additional input). */
  generate(bytes: number): Uint8Array {
    if (++this.generates > MAX_GENERATES) throw new Error("HMAC-DRBG reseed required");
    const out = new Uint8Array(bytes);
    for (let off = 0; off < bytes; off += 32) {
      this.v = hmac(sha256, this.k, this.v);
      out.set(this.v.subarray(0, Math.min(32, bytes - off)), off);
    }
    this.update();
    return out;
  }
}

/** Uniform doubles in [0, 1) with 53 random bits each, from a DRBG. */
export type RandomSource = () => number;

export function drbgSource(seedMaterial: Uint8Array): RandomSource {
  const drbg = new HmacDrbg(seedMaterial);
  let buf: DataView = new DataView(new ArrayBuffer(0));
  let pos = 0;
  let block = FIRST_BLOCK_BYTES;
  return () => {
    if (pos >= buf.byteLength) {
      const b = drbg.generate(block);
      block = Math.min(MAX_BLOCK_BYTES, block * 2);
      buf = new DataView(b.buffer, b.byteOffset, b.byteLength);
      pos = 0;
    }
    const hi = buf.getUint32(pos) >>> 11; // 21 bits
    const lo = buf.getUint32(pos + 4); // 32 bits
    pos += 8;
    return (hi * 4294967296 + lo) / 9007199254740992;
  };
}

/**
 * The kernel's source of streams. `key` is derived from the root secret
 * (purpose "rng"). With a `seed` (tests, reproducible notebooks) a tenant's
 * streams depend only on the seed, the tenant and how many sessions that
 * tenant opened — never on what other tenants do.
 */
export class EntropySource {
  private readonly perTenant = new Map<string, number>();

  constructor(
    private readonly key: Uint8Array,
    private readonly seed?: number,
  ) {}

  /** A new eager session's stream. */
  forSession(tenant: string, sessionId: string): RandomSource {
    if (this.seed === undefined) return drbgSource(this.material("session", sessionId));
    const n = (this.perTenant.get(tenant) ?? 0) + 1;
    this.perTenant.set(tenant, n);
    if (this.perTenant.size > 100_000) this.perTenant.delete(this.perTenant.keys().next().value!);
    // seeded: from the seed alone (not the kernel key, which is fresh in an in-memory kernel), so a
    // seeded notebook replays across restarts; a seed is for reproducibility, never for secrecy
    return drbgSource(sha256(utf8ToBytes(`qmk/rng/v1\u0000seeded-session\u0000${this.seed}\u0000${tenant}\u0000${n}`)));
  }

  /**
   * A job's entropy: from its explicit seed (so the job replays exactly), or
   * fresh from the kernel key and the OS generator.
   */
  forJob(seed: number | undefined): Uint8Array {
    if (seed !== undefined) return sha256(utf8ToBytes(`qmk/job-seed/v1\u0000${seed >>> 0}`));
    return this.material("job", Buffer.from(randomBytes(32)).toString("hex"));
  }

  private material(kind: string, label: string): Uint8Array {
    return hmac(sha256, this.key, utf8ToBytes(`qmk/rng/v1\u0000${kind}\u0000${label}`));
  }
}

/** One shot's stream inside a job: (job entropy, shot seed) → independent DRBG. */
export function shotSource(jobEntropy: Uint8Array, shotSeed: number): RandomSource {
  const s = new Uint8Array(4);
  new DataView(s.buffer).setUint32(0, shotSeed >>> 0);
  return drbgSource(concatBytes(jobEntropy, s));
}
