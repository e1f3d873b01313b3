// The graph hash (attestation's graph_hash: SHA-256 of the graph's canonical
// JSON, RFC 8785 key order), computed a slice at a time.
//
// Why: hashing a 100 000-node graph in one go takes a few hundred ms of the
// kernel's one thread. The canonical text of a graph is the canonical text of
// everything but the nodes, with the nodes array spliced in — so the hash
// can stream the nodes one by one and still equal `graphHash(graph)` byte
// for byte (a test checks it).
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "../security/audit/encoding.js";
import type { QvmGraph } from "../qvm/graph.js";

/** A string no canonical value contains unescaped; it marks where the nodes go. */
const MARK = "\u0000qmk-nodes\u0000";

export class GraphHasher {
  private readonly h = sha256.create();
  private readonly suffix: string;
  private readonly nodes: readonly unknown[];
  private pos = 0;
  private hex: string | undefined;

  constructor(graph: QvmGraph) {
    const shell = canonicalJson({ ...graph, program: { ...graph.program, nodes: MARK } });
    const at = shell.indexOf(JSON.stringify(MARK));
    this.nodes = graph.program.nodes;
    if (at !== shell.lastIndexOf(JSON.stringify(MARK))) {
      // the graph itself contains the mark (only a crafted graph does): splicing could hash
      // text that is not this graph's canonical JSON, so hash it whole instead
      this.suffix = "";
      this.hex = bytesToHex(sha256(utf8ToBytes(canonicalJson(graph))));
      return;
    }
    const [prefix, suffix] = [shell.slice(0, at), shell.slice(at + JSON.stringify(MARK).length)];
    this.h.update(utf8ToBytes(prefix + "["));
    this.suffix = "]" + suffix;
  }

  get done(): boolean {
    return this.hex !== undefined;
  }

  /** Hash up to `budget` more nodes; true when the digest is ready. */
  advance(budget: number): boolean {
    if (this.hex !== undefined) return true;
    const end = Math.min(this.nodes.length, this.pos + Math.max(1, Math.floor(budget)));
    let chunk = "";
    for (let i = this.pos; i < end; i++) chunk += (i ? "," : "") + canonicalJson(this.nodes[i]);
    if (chunk) this.h.update(utf8ToBytes(chunk));
    this.pos = end;
    if (end === this.nodes.length) {
      this.h.update(utf8ToBytes(this.suffix));
      this.hex = bytesToHex(this.h.digest());
    }
    return this.hex !== undefined;
  }

  get digest(): string {
    if (this.hex === undefined) throw new Error("GraphHasher: not done");
    return this.hex;
  }
}
