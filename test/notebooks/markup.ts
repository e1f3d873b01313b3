// A tiny, strict XML reader for the SVG/HTML the display helpers emit:
// enough to check well-formedness (balanced tags, quoted attributes,
// escaped text) and to query elements by tag and class.
export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
const ATTR = /([\w:-]+)="([^"]*)"/g;
const VOID = new Set(["br", "hr", "img", "input", "meta", "link"]);

export function parseMarkup(src: string): El {
  const root: El = { tag: "#root", attrs: {}, children: [], text: "" };
  const stack: El[] = [root];
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const text = src.slice(i, lt < 0 ? src.length : lt);
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|#\d+);)/.test(text)) throw new Error(`unescaped text near ${i}: ${text.slice(0, 40)}`);
    stack[stack.length - 1].text += text;
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(src);
    if (!m) throw new Error(`malformed tag at ${lt}: ${src.slice(lt, lt + 60)}`);
    const [, close, tag, attrText, selfClose] = m;
    if (close) {
      const top = stack.pop();
      if (!top || top.tag !== tag) throw new Error(`</${tag}> closes <${top?.tag}> at ${lt}`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(ATTR)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${tag}>`);
        attrs[a[1]] = a[2].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      }
      const el: El = { tag, attrs, children: [], text: "" };
      stack[stack.length - 1].children.push(el);
      if (!selfClose && !VOID.has(tag)) stack.push(el);
    }
    i = TAG.lastIndex;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].tag}>`);
  return root;
}

export function all(el: El, pred: (e: El) => boolean, out: El[] = []): El[] {
  for (const c of el.children) {
    if (pred(c)) out.push(c);
    all(c, pred, out);
  }
  return out;
}

export const hasClass = (e: El, cls: string): boolean => (e.attrs.class ?? "").split(/\s+/).includes(cls);
export const byClass = (root: El, cls: string, tag?: string): El[] => all(root, (e) => hasClass(e, cls) && (!tag || e.tag === tag));
export const byTag = (root: El, tag: string): El[] => all(root, (e) => e.tag === tag);
/** All text inside an element. */
export const textOf = (e: El): string => e.text + e.children.map(textOf).join("");
