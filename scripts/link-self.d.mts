// Types of link-self.mjs for the TypeScript callers.
export declare function linkSelf(root?: string): { status: "ok" | "created" | "skipped"; link?: string; reason?: string };
