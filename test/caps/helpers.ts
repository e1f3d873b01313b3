import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "vitest";
import { QmkError, type ErrorName } from "../../kernel/errors.js";

/** Run fn and assert it throws a QmkError with this SPEC §4 name; returns the error. */
export function expectQmk(fn: () => unknown, name: ErrorName): QmkError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${name}, nothing thrown`).toBeInstanceOf(QmkError);
  expect((caught as QmkError).codeName).toBe(name);
  return caught as QmkError;
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "qmk-caps-"));
}

/** A settable clock. */
export function fakeClock(start = 1_700_000_000_000): { now: () => number; set: (t: number) => void; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, set: (x) => (t = x), advance: (ms) => (t += ms) };
}

export const KEY = new Uint8Array(32).fill(0x42);
export const OTHER_KEY = new Uint8Array(32).fill(0x43);
