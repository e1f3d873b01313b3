// Noise models: which channels act where. Validated up front, so a bad model
// is refused (INVALID_PARAMS with the offending field) before any job runs.
//
//   {
//     "gate":    { "depolarizing": 0.001 },              after every gate, on each operand
//     "gates":   { "CNOT": { "depolarizing": 0.01 },     per gate kind (opcode, short or full name)
//                  "H":    { "amplitude_damping": 0.002 } },
//     "qubits":  { "0": { "phase_damping": 0.01, "readout": 0.03 } },  per program qubit
//     "readout": 0.02,                                    every measurement (a qubit's own value wins)
//     "logical": { "physical_error_rate": 0.001 }        from each qubit's QEC profile (logical.ts)
//   }
//
// Conventions (Nielsen & Chuang §8.3):
//  depolarizing p       ρ → (1−p)ρ + p·I/2   (X, Y, Z each with probability p/4; Bloch vector × (1−p))
//  amplitude_damping γ  K0 = diag(1, √(1−γ)), K1 = √γ|0⟩⟨1|   (T1: γ = 1 − e^{−t/T1})
//  phase_damping λ      K0 = diag(1, √(1−λ)), K1 = diag(0, √λ)   (coherences × √(1−λ))
//  readout p            the reported bit is flipped with probability p
// Channels acting at the same place compose: depolarizing, then amplitude
// damping, then phase damping; several sources of one kind (gate, gates[kind],
// qubits[k], logical) combine as one channel of that kind (1−p multiplies).
import { QmkError } from "../errors.js";
import { lookupOpcode } from "../qvm/opcodes.js";

export interface ChannelSet {
  depolarizing?: number;
  amplitude_damping?: number;
  phase_damping?: number;
}

export interface QubitNoise extends ChannelSet {
  readout?: number;
}

export interface LogicalNoise {
  /** physical error rate per operation, p */
  physical_error_rate: number;
  /** threshold p_th (default: the scheme's, see logical.ts) */
  threshold?: number;
  /** prefactor A (default: the scheme's) */
  prefactor?: number;
}

export interface NoiseModel {
  gate?: ChannelSet;
  gates?: Record<string, ChannelSet>;
  qubits?: Record<string, QubitNoise>;
  readout?: number;
  logical?: LogicalNoise;
}

/** A validated model: gate kinds resolved to opcodes, qubit keys to numbers. */
export interface ResolvedNoise {
  gate: Required<ChannelSet>;
  gates: Map<string, Required<ChannelSet>>;
  qubits: Map<number, Required<QubitNoise> & { hasReadout: boolean }>;
  readout: number;
  logical?: LogicalNoise;
}

const CHANNELS = ["depolarizing", "amplitude_damping", "phase_damping"] as const;

function bad(field: string, msg: string): never {
  throw new QmkError("INVALID_PARAMS", `noise ${field}: ${msg}`, { field: `noise.${field}` });
}

function prob(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) bad(field, "must be a probability in [0, 1]");
  return v;
}

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) bad(field, "must be an object");
  return v as Record<string, unknown>;
}

function channels(v: unknown, field: string, allowReadout: boolean): Required<QubitNoise> & { hasReadout: boolean } {
  const o = object(v, field);
  const out = { depolarizing: 0, amplitude_damping: 0, phase_damping: 0, readout: 0, hasReadout: false };
  for (const [k, x] of Object.entries(o)) {
    if ((CHANNELS as readonly string[]).includes(k)) out[k as (typeof CHANNELS)[number]] = prob(x, `${field}.${k}`);
    else if (allowReadout && k === "readout") {
      out.readout = prob(x, `${field}.${k}`);
      out.hasReadout = true;
    } else bad(`${field}.${k}`, `unknown channel (known: ${[...CHANNELS, ...(allowReadout ? ["readout"] : [])].join(", ")})`);
  }
  return out;
}

/** Validates a noise model (an object, or its JSON text). */
export function parseNoiseModel(input: unknown): ResolvedNoise {
  let m = input;
  if (typeof m === "string") {
    try {
      m = JSON.parse(m);
    } catch (e) {
      throw new QmkError("INVALID_PARAMS", `noise model is not valid JSON: ${(e as Error).message}`, { field: "noise" });
    }
  }
  const o = object(m, "model");
  const res: ResolvedNoise = { gate: channels({}, "gate", false), gates: new Map(), qubits: new Map(), readout: 0 };
  for (const [k, v] of Object.entries(o)) {
    switch (k) {
      case "gate":
        res.gate = channels(v, "gate", false);
        break;
      case "gates":
        for (const [kind, c] of Object.entries(object(v, "gates"))) {
          const spec = lookupOpcode(kind);
          if (!spec || spec.effect !== "gate") bad(`gates.${kind}`, "is not a gate opcode (e.g. H, CNOT, APPLY_RZ, CCX)");
          res.gates.set(spec.name, channels(c, `gates.${kind}`, false));
        }
        break;
      case "qubits":
        for (const [q, c] of Object.entries(object(v, "qubits"))) {
          if (!/^(0|[1-9]\d{0,5})$/.test(q)) bad(`qubits.${q}`, "qubit keys are program qubit indexes 0, 1, …");
          res.qubits.set(Number(q), channels(c, `qubits.${q}`, true));
        }
        break;
      case "readout":
        res.readout = prob(v, "readout");
        break;
      case "logical": {
        const l = object(v, "logical");
        for (const key of Object.keys(l)) if (!["physical_error_rate", "threshold", "prefactor"].includes(key)) bad(`logical.${key}`, "unknown field (known: physical_error_rate, threshold, prefactor)");
        const p = prob(l.physical_error_rate, "logical.physical_error_rate");
        const out: LogicalNoise = { physical_error_rate: p };
        if (l.threshold !== undefined) {
          out.threshold = prob(l.threshold, "logical.threshold");
          if (out.threshold === 0) bad("logical.threshold", "must be > 0");
        }
        if (l.prefactor !== undefined) {
          if (typeof l.prefactor !== "number" || !Number.isFinite(l.prefactor) || l.prefactor < 0) bad("logical.prefactor", "must be a non-negative number");
          out.prefactor = l.prefactor;
        }
        res.logical = out;
        break;
      }
      default:
        bad(k, "unknown field (known: gate, gates, qubits, readout, logical)");
    }
  }
  return res;
}
