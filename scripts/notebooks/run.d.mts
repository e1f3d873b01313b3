// Types of run.mjs for the TypeScript callers (test/notebooks, test/package).
export declare const ROOT: string;
export declare const NOTEBOOK_DIR: string;
export interface NotebookRun {
  name: string;
  kernel: "tslab" | "deno";
  ok: boolean;
  /** the executed notebook (nbformat 4 JSON) */
  nb: any;
  failure: { cell: number | null; status: string; source: string; output: string } | null;
  ms: number;
}
export declare function listNotebooks(filters?: string[]): string[];
export declare function formatNotebook(nb: unknown): string;
export declare function executeNotebook(file: string, kernel: "tslab" | "deno", opts?: { cellTimeoutMs?: number; startupTimeoutMs?: number }): Promise<NotebookRun>;
export declare function outputText(outputs: any[]): string;
export declare function pool<T, R>(items: T[], jobs: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]>;
export declare function comparable(nb: any): unknown[][];
export declare function describeFailure(r: NotebookRun): string;
