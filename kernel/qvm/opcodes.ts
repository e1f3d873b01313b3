// THE opcode table (SPEC §1.2): the single source of truth for operand
// counts, events, argument types, required rights, the firewall's
// "entangling" flag and the typestate effect. The verifier, the executor,
// the bare port and the kernel mediator all read it; nothing else may
// hard-code per-opcode knowledge.
import { RIGHTS, type Right } from "../security/rights.js";

/** Argument value types. `angle` = finite number or mathjs expression string. */
export type ArgType = "int" | "angle" | "string" | "pauli" | "profile";

export interface ArgSpec {
  type: ArgType;
  required?: boolean;
  /** inclusive bounds for `int` */
  min?: number;
  max?: number;
}

/**
 * Typestate effect on the VQ operands (SPEC §1.4), same vocabulary as
 * kernel/security/linear.ts plus the two structural ones:
 *  alloc     — operands are new handles (→ live)
 *  gate      — live → live
 *  consume   — live → measured (MEASURE_*)
 *  revive    — live|measured → live (RESET)
 *  free      — live|measured → freed (FREE_LQ)
 *  classical — live|measured → unchanged (COND_PAULI: classical correction)
 *  none      — no VQ operands
 */
export type OpEffect = "alloc" | "gate" | "consume" | "revive" | "free" | "classical" | "none";

/** What the op does to its CH operand. */
export type ChEffect = "open" | "use" | "close";

export interface OpcodeSpec {
  readonly name: string;
  /** short name accepted by q_apply (`H`, `CNOT`, …) */
  readonly short: string;
  /** number of VQ operands; "n" = one or more (ALLOC_LQ: exactly args.n) */
  readonly vqs: number | "n";
  /** number of CH operands */
  readonly chs: number;
  readonly chEffect?: ChEffect;
  /** allowed counts of `produces` entries */
  readonly produces: readonly number[];
  /** whether `inputs` carry the XOR condition (COND_PAULI) */
  readonly usesInputs: boolean;
  readonly args: Readonly<Record<string, ArgSpec>>;
  /** rights the op needs, whatever the graph declares */
  readonly caps: readonly Right[];
  /** multi-qubit op: subject to the entanglement firewall (SPEC §2.9); entangles all its operands */
  readonly entangling: boolean;
  readonly effect: OpEffect;
  /** derived from effect, for readers that want booleans */
  readonly consumes: boolean;
  readonly revives: boolean;
  readonly frees: boolean;
  readonly allowedOnMeasured: boolean;
  /** simulator gate this op maps to, if it is a plain unitary */
  readonly gate?: string;
  /** numeric args passed to the gate, in order */
  readonly gateParams?: readonly string[];
}

const CHANNEL: Record<string, ArgSpec> = { channel: { type: "string" } };

type Def = Omit<OpcodeSpec, "name" | "consumes" | "revives" | "frees" | "allowedOnMeasured" | "usesInputs" | "chs" | "produces" | "args" | "caps" | "entangling" | "short"> &
  Partial<Pick<OpcodeSpec, "usesInputs" | "chs" | "produces" | "args" | "caps" | "entangling" | "short">>;

function gate1(g: string, params: string[] = []): Def {
  return {
    vqs: 1,
    effect: "gate",
    gate: g,
    gateParams: params,
    args: Object.fromEntries(params.map((p) => [p, { type: "angle", required: true } as ArgSpec])),
  };
}
function gate2(g: string, params: string[] = []): Def {
  return {
    vqs: 2,
    effect: "gate",
    gate: g,
    gateParams: params,
    entangling: true,
    args: { ...CHANNEL, ...Object.fromEntries(params.map((p) => [p, { type: "angle", required: true } as ArgSpec])) },
  };
}
function measure1(extra: Record<string, ArgSpec> = {}): Def {
  return { vqs: 1, effect: "consume", produces: [0, 1], caps: ["CAP_MEASURE"], args: extra };
}

/** Largest single ALLOC_LQ; a dense simulator could not hold more anyway. */
export const MAX_ALLOC = 64;

const DEFS: Record<string, Def> = {
  // --- upstream v0.1 ---
  ALLOC_LQ: {
    vqs: "n",
    effect: "alloc",
    caps: ["CAP_ALLOC"],
    args: {
      n: { type: "int", required: true, min: 1, max: MAX_ALLOC },
      profile: { type: "profile" },
      tenant: { type: "string" },
    },
  },
  FREE_LQ: { vqs: "n", effect: "free" },
  FENCE_EPOCH: { vqs: 0, effect: "none", args: { tag: { type: "string" } } },
  BAR_REGION: { vqs: 0, effect: "none", args: { tag: { type: "string" } } },
  APPLY_H: gate1("H"),
  APPLY_S: gate1("S"),
  APPLY_X: gate1("X"),
  APPLY_Y: gate1("Y"),
  APPLY_Z: gate1("Z"),
  APPLY_CNOT: gate2("CNOT"),
  RESET: { vqs: 1, effect: "revive" },
  MEASURE_Z: measure1(),
  MEASURE_X: measure1(),
  TELEPORT_CNOT: { ...gate2("CNOT"), caps: ["CAP_TELEPORT"] },
  INJECT_T_STATE: { vqs: 1, effect: "gate", caps: ["CAP_MAGIC"] },
  OPEN_CHAN: { vqs: 2, chs: 1, chEffect: "open", effect: "gate", entangling: true, caps: ["CAP_LINK"], args: CHANNEL },
  USE_CHAN: { vqs: 0, chs: 1, chEffect: "use", effect: "none" },
  CLOSE_CHAN: { vqs: 0, chs: 1, chEffect: "close", effect: "none" },
  COND_PAULI: { vqs: 1, effect: "classical", usesInputs: true, args: { mask: { type: "pauli", required: true } } },
  SET_POLICY: { vqs: 0, effect: "none" }, // args are free-form advisory hints
  // --- QMK extensions ---
  APPLY_T: gate1("T"),
  APPLY_SDG: gate1("SDG"),
  APPLY_TDG: gate1("TDG"),
  APPLY_RX: gate1("RX", ["theta"]),
  APPLY_RY: gate1("RY", ["theta"]),
  APPLY_RZ: gate1("RZ", ["theta"]),
  APPLY_U: gate1("U", ["theta", "phi", "lambda"]),
  APPLY_CZ: gate2("CZ"),
  APPLY_SWAP: gate2("SWAP"),
  APPLY_CPHASE: gate2("CPHASE", ["theta"]),
  MEASURE_Y: measure1(),
  MEASURE_ANGLE: measure1({ angle: { type: "angle", required: true } }),
  // 2 events = (bit of a, bit of b) of "CNOT a→b; H a; measure" = (xParity, zParity);
  // 1 event = Bell index zParity | xParity<<1 (0..3), as kernel/sim measureBell.
  MEASURE_BELL: { vqs: 2, effect: "consume", produces: [0, 1, 2], caps: ["CAP_MEASURE"], entangling: true, args: CHANNEL },
  // three-qubit gates real circuits need (QASMBench: ccx in 22, cswap in 18 of 71);
  // vqs = [control, control, target] and [control, a, b]; entangle all operands
  APPLY_CCX: { vqs: 3, effect: "gate", entangling: true, args: CHANNEL },
  APPLY_CSWAP: { vqs: 3, effect: "gate", entangling: true, args: CHANNEL },
};

function shortName(op: string): string {
  return op.replace(/^(APPLY_)/, "");
}

export const OPCODES: Readonly<Record<string, OpcodeSpec>> = Object.freeze(
  Object.fromEntries(
    Object.entries(DEFS).map(([name, d]) => {
      const spec: OpcodeSpec = Object.freeze({
        name,
        short: d.short ?? shortName(name),
        vqs: d.vqs,
        chs: d.chs ?? 0,
        ...(d.chEffect ? { chEffect: d.chEffect } : {}),
        produces: d.produces ?? [0],
        usesInputs: d.usesInputs ?? false,
        args: Object.freeze(d.args ?? {}),
        caps: Object.freeze(d.caps ?? []),
        entangling: d.entangling ?? false,
        effect: d.effect,
        consumes: d.effect === "consume",
        revives: d.effect === "revive",
        frees: d.effect === "free",
        allowedOnMeasured: d.effect === "revive" || d.effect === "free" || d.effect === "classical",
        ...(d.gate ? { gate: d.gate, gateParams: Object.freeze(d.gateParams ?? []) } : {}),
      });
      return [name, spec];
    }),
  ),
);

/** Opcodes of upstream v0.1 (the rest are QMK extensions). */
export const UPSTREAM_OPCODES: readonly string[] = [
  "ALLOC_LQ", "FREE_LQ", "FENCE_EPOCH", "BAR_REGION",
  "APPLY_H", "APPLY_S", "APPLY_X", "APPLY_Y", "APPLY_Z", "APPLY_CNOT",
  "RESET", "MEASURE_Z", "MEASURE_X",
  "TELEPORT_CNOT", "INJECT_T_STATE", "OPEN_CHAN", "USE_CHAN", "CLOSE_CHAN",
  "COND_PAULI", "SET_POLICY",
];

export const OPCODE_NAMES: readonly string[] = Object.keys(OPCODES);

/** Free-form args: only SET_POLICY (advisory hints). */
export function argsAreFreeForm(op: string): boolean {
  return op === "SET_POLICY";
}

/** Opcode by full name (`APPLY_H`) or short name (`H`, `CNOT`), case-insensitive. */
export function lookupOpcode(name: string): OpcodeSpec | undefined {
  if (typeof name !== "string") return undefined;
  const up = name.toUpperCase();
  if (Object.hasOwn(OPCODES, up)) return OPCODES[up];
  if (Object.hasOwn(OPCODES, "APPLY_" + up)) return OPCODES["APPLY_" + up];
  return undefined;
}

/** Union of the rights an op list needs, in canonical RIGHTS order. */
export function requiredRights(ops: Iterable<string>, extra: readonly Right[] = []): Right[] {
  const set = new Set<Right>(extra);
  for (const op of ops) for (const r of lookupOpcode(op)?.caps ?? []) set.add(r);
  return RIGHTS.filter((r) => set.has(r));
}
