// Where output goes: tslab (display_data through `tslab.display`), Deno's
// Jupyter kernel (`Deno.jupyter`), or a terminal (text fallback on stdout).
import { createRequire } from "node:module";

/** A rendered figure: rich markup for notebooks, text for terminals. */
export interface Figure {
  /** MIME type of `markup` */
  readonly mime: "image/svg+xml" | "text/html";
  readonly markup: string;
  readonly text: string;
}

export type Environment = "tslab" | "deno" | "terminal";

interface TslabDisplay {
  html(s: string): void;
  svg(s: string): void;
  text(s: string): void;
  raw(contentType: string, b: string): void;
}
interface TslabModule {
  display: TslabDisplay;
  newDisplay(): TslabDisplay;
}

let tslabModule: TslabModule | null | undefined;

function denoJupyter(): any {
  const d = (globalThis as any).Deno;
  return d && d.jupyter ? d.jupyter : undefined;
}

/** tslab's public module when this process is a tslab kernel, else null. */
export function tslab(): TslabModule | null {
  if (tslabModule !== undefined) return tslabModule;
  tslabModule = null;
  const inTslab = typeof process !== "undefined" && process.argv.some((a) => /tslab/.test(a)) && !denoJupyter();
  if (inTslab) {
    // The running kernel's own copy first (its bin is process.argv[1]): that instance holds the
    // cell's display channel, and it is found even when tslab is global or not in this project.
    for (const from of [process.argv[1], import.meta.url]) {
      try {
        tslabModule = createRequire(from)("tslab") as TslabModule;
        break;
      } catch {
        tslabModule = null;
      }
    }
  }
  return tslabModule;
}

/** Which display route is used (override with QMK_DISPLAY=text). */
export function environment(): Environment {
  if (typeof process !== "undefined" && process.env?.QMK_DISPLAY === "text") return "terminal";
  if (denoJupyter()) return "deno";
  return tslab() ? "tslab" : "terminal";
}

/**
 * Shows rich output in a notebook; prints `text` in a terminal. Resolves to the route taken.
 * Await it: under Deno the display message is sent asynchronously, and a cell that ends
 * before it is sent can lose it (tslab and terminals resolve at once).
 */
export async function showRaw(mime: string, markup: string, text: string): Promise<Environment> {
  const env = environment();
  if (env === "tslab") {
    try {
      tslab()!.display.raw(mime, markup);
      return env;
    } catch {
      /* not inside a running cell: fall through to text */
    }
  } else if (env === "deno") {
    await denoJupyter().display({ [mime]: markup, "text/plain": text }, { raw: true });
    return env;
  }
  console.log(text);
  return "terminal";
}

/** Shows a figure (see `showRaw`). */
export function show(fig: Figure): Promise<Environment> {
  return showRaw(fig.mime, fig.markup, fig.text);
}

/** An output area that can be replaced in place (progress bars). */
export interface LiveArea {
  /** replaces the area's content; under Deno the returned promise resolves once the message is sent */
  update(html: string, text: string): Promise<void> | void;
}

/** A display that updates in place in tslab and Deno; null in a terminal. */
export function liveArea(): LiveArea | null {
  const env = environment();
  if (env === "tslab") {
    const d = tslab()!.newDisplay();
    return { update: (html) => { try { d.html(html); } catch { /* no cell */ } } };
  }
  if (env === "deno") {
    const j = denoJupyter();
    const id = `qmk-${Math.random().toString(36).slice(2)}`;
    let first = true;
    return {
      update: (html, text) => {
        const content = { data: { "text/html": html, "text/plain": text }, metadata: {}, transient: { display_id: id } };
        const sent = j.broadcast(first ? "display_data" : "update_display_data", content);
        first = false;
        return Promise.resolve(sent).then(() => undefined);
      },
    };
  }
  return null;
}
