// A tiny WebAssembly binary assembler: just enough to emit the SIMD kernels
// of kernels/wasm.ts as bytes at run time (no toolchain, no prebuilt binary).

export const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;

export function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

export function sleb(v: number): number[] {
  const out: number[] = [];
  v |= 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

const f64bytes = (x: number): number[] => Array.from(new Uint8Array(Float64Array.of(x).buffer));

/** One function body under construction; locals are allocated on demand. */
export class Fn {
  readonly b: number[] = [];
  readonly locals: number[] = [];
  constructor(readonly name: string, readonly params: number[]) {}
  local(type: number): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }
  op(...x: number[]): this { for (const v of x) this.b.push(v); return this; }
  get(i: number): this { return this.op(0x20, ...uleb(i)); }
  set(i: number): this { return this.op(0x21, ...uleb(i)); }
  tee(i: number): this { return this.op(0x22, ...uleb(i)); }
  i32(v: number): this { return this.op(0x41, ...sleb(v)); }
  add(): this { return this.op(0x6a); }
  sub(): this { return this.op(0x6b); }
  shl(): this { return this.op(0x74); }
  simd(code: number, ...imm: number[]): this { return this.op(0xfd, ...uleb(code), ...imm); }
  load(addr: number): this { return this.get(addr).simd(0x00, 4, 0); }
  /** stores the v128 local `v` at address local `addr` */
  store(addr: number, v: number): this { return this.get(addr).get(v).simd(0x0b, 4, 0); }
  v128(a: number, b: number): this { return this.simd(0x0c, ...f64bytes(a), ...f64bytes(b)); }
  /** v128.const of four f32 lanes */
  v128f32(...x: [number, number, number, number]): this { return this.simd(0x0c, ...Array.from(new Uint8Array(Float32Array.from(x).buffer))); }
  splat(): this { return this.simd(0x14); }
  fadd(): this { return this.simd(0xf0, 0x01); }
  fmul(): this { return this.simd(0xf2, 0x01); }
  /** relaxed-SIMD f64x2.relaxed_madd: a·b + c (one FMA where the CPU has it) */
  fmadd(): this { return this.simd(0x107); }
  /** swaps the two f64 lanes of the top two v128 operands' first */
  swapLanes(): this { return this.simd(0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7); }
  /** do { body() ; i += step } while (i != end)  — `!=` so a 2^32 end that wraps to 0 still terminates */
  loopTo(i: number, end: number, step: number | (() => void), body: () => void): this {
    this.op(0x03, 0x40);
    body();
    this.get(i);
    if (typeof step === "number") this.i32(step); else step();
    this.add().tee(i).get(end).op(0x47, 0x0d, 0x00, 0x0b); // i32.ne, br_if 0, end
    return this;
  }
  /** do { body(); cnt -= 1 } while (cnt != 0) */
  repeat(cnt: number, body: () => void): this {
    this.op(0x03, 0x40);
    body();
    this.get(cnt).i32(1).sub().tee(cnt).op(0x0d, 0x00, 0x0b);
    return this;
  }
}

export function module(fns: Fn[]): Uint8Array {
  const sec = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
  const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const types = fns.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  // memory imported as "e"."m": shared, min 1 page, max 65536 pages (4 GiB)
  const imports = [[...str("e"), ...str("m"), 0x02, 0x03, ...uleb(1), ...uleb(65536)]];
  const funcs = fns.map((_, i) => uleb(i));
  const exports = fns.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]);
  const bodies = fns.map((f) => {
    const body = [...vec(f.locals.map((t) => [1, t])), ...f.b, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...sec(1, vec(types)), ...sec(2, vec(imports)), ...sec(3, vec(funcs)),
    ...sec(7, vec(exports)), ...sec(10, vec(bodies)),
  ]);
}
