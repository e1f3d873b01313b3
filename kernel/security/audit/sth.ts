// Tree heads as the API returns them. The signed object is the C2SP
// checkpoint in `checkpoint` (see checkpoint.ts); the other fields are
// conveniences derived from the leaves that checkpoint commits to.
export interface TreeHead {
  size: number;
  /** lowercase hex RFC 6962 root */
  root: string;
}

export interface SignedTreeHead extends TreeHead {
  v: 2;
  /** time (ms) of the newest event the checkpoint covers; 0 for the empty tree. Signed through that leaf. */
  timestamp: number;
  /** events per tenant in leaves [0, size) ("" = no tenant). A function of the signed leaves. */
  tenantCounts: Record<string, number>;
  /** the C2SP signed-note checkpoint: "<origin>\n<size>\n<base64 root>\n\n— <origin> <base64 sig>\n" */
  checkpoint: string;
  /** base64(key ID ‖ Ed25519 signature), as on the checkpoint's signature line */
  signature: string;
  /** the verifier key that checks it: <origin>+<hex key ID>+<base64(0x01 ‖ public key)> */
  key: string;
}

/** The signature field of a checkpoint note (first signature line). */
export function signatureOf(note: string): string {
  const i = note.lastIndexOf("\n\n\u2014 ");
  const line = note.slice(i + 2).split("\n")[0];
  return line.slice(line.lastIndexOf(" ") + 1);
}
