// Display helpers for notebooks (tslab, Deno) with terminal fallbacks.
//
//   import { showHistogram, showPlot, showCircuit, showComponents, showAmplitudes, progress } from "../dist/dsl/display/index.js";
//   await showHistogram(counts, { title: "Bell pair" });  // inline SVG in a notebook, text bars in a terminal
//   (the show* functions resolve at once in tslab and terminals; await them so Deno sends the output before the cell ends)
//
// `histogram(…)`, `plot(…)`, … return a `Figure` ({ mime, markup, text })
// without showing it; `*Svg` / `*Html` return the markup string.
import { amplitudeTableHtml, amplitudeTableText, tableHtml, tableText, type AmplitudesLike } from "./html.js";
import { show, type Figure } from "./show.js";
import {
  circuitSvg, circuitText, componentsSvg, componentsText, histogramSvg, histogramText, linePlotSvg, linePlotText,
  type CircuitOptions, type ComponentsOptions, type CountsLike, type GraphLike, type HistogramOptions, type LinePlotOptions, type Series,
} from "./svg.js";

export * from "./svg.js";
export * from "./html.js";
export * from "./show.js";
export * from "./progress.js";

const fig = (mime: Figure["mime"], markup: string, text: string): Figure => ({ mime, markup, text });

export const histogram = (c: CountsLike, o: HistogramOptions = {}): Figure => fig("image/svg+xml", histogramSvg(c, o), histogramText(c, o));
export const plot = (s: Series | readonly Series[], o: LinePlotOptions = {}): Figure => fig("image/svg+xml", linePlotSvg(s, o), linePlotText(s, o));
export const components = (c: unknown, o: ComponentsOptions = {}): Figure => fig("image/svg+xml", componentsSvg(c, o), componentsText(c));
export const circuitDiagram = (g: GraphLike | { toGraph(): GraphLike }, o: CircuitOptions = {}): Figure => {
  const graph = typeof (g as { toGraph?: unknown }).toGraph === "function" ? (g as { toGraph(): GraphLike }).toGraph() : (g as GraphLike);
  return fig("image/svg+xml", circuitSvg(graph, o), circuitText(graph, o));
};
export const amplitudeTable = (a: AmplitudesLike, o: { all?: boolean; title?: string } = {}): Figure => fig("text/html", amplitudeTableHtml(a, o), amplitudeTableText(a, o));
export const table = (rows: readonly Record<string, unknown>[], o: { columns?: readonly string[]; title?: string } = {}): Figure => fig("text/html", tableHtml(rows, o), tableText(rows, o));

export const showHistogram = (c: CountsLike, o?: HistogramOptions): Promise<void> => show(histogram(c, o)).then(() => undefined);
export const showPlot = (s: Series | readonly Series[], o?: LinePlotOptions): Promise<void> => show(plot(s, o)).then(() => undefined);
export const showComponents = (c: unknown, o?: ComponentsOptions): Promise<void> => show(components(c, o)).then(() => undefined);
export const showCircuit = (g: GraphLike | { toGraph(): GraphLike }, o?: CircuitOptions): Promise<void> => show(circuitDiagram(g, o)).then(() => undefined);
export const showAmplitudes = (a: AmplitudesLike, o?: { all?: boolean; title?: string }): Promise<void> => show(amplitudeTable(a, o)).then(() => undefined);
export const showTable = (rows: readonly Record<string, unknown>[], o?: { columns?: readonly string[]; title?: string }): Promise<void> => show(table(rows, o)).then(() => undefined);
/** Markdown-ish note as HTML (a line of emphasis in a notebook, plain text in a terminal). */
export const showHtml = (html: string, text = html.replace(/<[^>]+>/g, "")): Promise<void> => show(fig("text/html", html, text)).then(() => undefined);
