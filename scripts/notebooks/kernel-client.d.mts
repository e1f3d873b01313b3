// Types of kernel-client.mjs for the TypeScript callers.
export type KernelName = "tslab" | "deno";
export declare const KERNELS: Record<KernelName, { displayName: string; flush: ((marker: string) => string) | null; argv(conn: string): [string, string[]] }>;
export declare class KernelError extends Error {}
export interface CellResult {
  status: "ok" | "error" | "abort";
  executionCount: number | null;
  /** Jupyter outputs (stream text as one string, mime bundles as strings) */
  outputs: any[];
  reply: any;
}
export declare class Kernel {
  static start(name: KernelName, opts?: { cwd?: string; env?: Record<string, string>; startupTimeoutMs?: number }): Promise<Kernel>;
  readonly name: KernelName;
  readonly info: any;
  readonly log: string;
  execute(code: string, opts?: { timeoutMs?: number }): Promise<CellResult>;
  shutdown(): Promise<void>;
}
