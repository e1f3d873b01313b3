// How the DSL reaches a kernel. The embedded kernel offers `callSync`
// (eager ops run synchronously); a remote `qmk serve` only has `call`.
export interface Transport {
  call(method: string, params: Record<string, unknown>): Promise<any>;
  callSync?(method: string, params: Record<string, unknown>): any;
  close?(): Promise<void> | void;
  /** admin token, when the transport knows it (embedded kernel) */
  readonly adminToken?: string;
  readonly kind: "embedded" | "remote" | "custom";
}
