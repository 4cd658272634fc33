/**
 * Sanitising of the strings SurveyJS may render as HTML (html questions, completed/loading pages,
 * titles and descriptions when markdown/HTML rendering is on, choice texts...). A safe subset of
 * tags is kept; scripts, event handlers, javascript: URLs, iframes and styles are removed.
 * Strings without anything that looks like a tag are left untouched (so "Q&A" stays "Q&A").
 * URLs SurveyJS navigates to or shows as images (navigateToUrl, imageLink, logo...) must be
 * http(s) or relative (images may also be data:image/...); others are emptied.
 */
import sanitizeHtml from "sanitize-html";
import type { SurveyDefinition } from "./types";

/** Properties whose (possibly localized) string values SurveyJS can render as HTML. */
export const HTML_PROPERTIES = new Set([
  "html",
  "completedHtml",
  "completedBeforeHtml",
  "loadingHtml",
  "title",
  "description",
  "text",
  "labelTrue",
  "labelFalse",
  "minRateDescription",
  "maxRateDescription",
  "otherText",
  "noneText",
  "commentText",
  "requiredErrorText",
]);

/** URL properties SurveyJS follows or shows: navigation must be http(s); images may be data:image. */
const NAVIGATION_URLS = new Set(["navigateToUrl", "navigateToUrlOnCondition.url"]);
const IMAGE_URLS = new Set(["imageLink", "logo", "backgroundImage"]);
const SAFE_NAVIGATION = /^(https?:\/\/|\/(?!\/))/i;
const SAFE_IMAGE = /^(https?:\/\/|\/(?!\/)|data:image\/(png|jpe?g|gif|webp);)/i;

const SAFE_HREF = /^(https?:|mailto:)/i;
const SAFE_SRC = /^https:\/\//i;
const LOOKS_LIKE_MARKUP = /<[a-z!/?]|&#|javascript:/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "b", "i", "strong", "em", "u", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "span", "div", "img", "table", "thead", "tbody", "tr", "td", "th"],
  allowedAttributes: { a: ["href", "rel", "target"], img: ["src", "alt", "width", "height"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { a: ["http", "https", "mailto"], img: ["https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href && SAFE_HREF.test(attribs.href.trim()) ? attribs.href.trim() : undefined;
      return { tagName, attribs: { ...(href ? { href } : {}), rel: "noopener noreferrer nofollow", target: "_blank" } };
    },
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !SAFE_SRC.test((frame.attribs.src ?? "").trim()),
};

/** Sanitises one HTML string (exported for the renderer and tests). */
export function sanitizeHtmlString(html: string): string {
  if (!LOOKS_LIKE_MARKUP.test(html)) return html;
  return sanitizeHtml(html, OPTIONS);
}

function clean(value: unknown, path: string, changed: string[]): unknown {
  if (typeof value === "string") {
    const out = sanitizeHtmlString(value);
    if (out !== value) changed.push(path);
    return out;
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    // Localized strings: { "default": "...", "ru": "..." }
    const out: Record<string, unknown> = {};
    for (const [loc, s] of Object.entries(value)) out[loc] = typeof s === "string" ? clean(s, `${path}.${loc}`, changed) : s;
    return out;
  }
  return value;
}

function walk(node: unknown, path: string, changed: string[], parent = ""): unknown {
  if (Array.isArray(node)) return node.map((v, i) => walk(v, `${path}[${i}]`, changed, parent));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const p = path ? `${path}.${k}` : k;
    const urlRule = NAVIGATION_URLS.has(k) || NAVIGATION_URLS.has(`${parent}.${k}`) ? SAFE_NAVIGATION : IMAGE_URLS.has(k) ? SAFE_IMAGE : null;
    if (urlRule && typeof v === "string" && v.trim() !== "" && !urlRule.test(v.trim())) {
      out[k] = ""; // javascript:, vbscript:, data:text/html... removed
      changed.push(p);
      continue;
    }
    out[k] = HTML_PROPERTIES.has(k) && (typeof v === "string" || (v && typeof v === "object" && !Array.isArray(v))) ? clean(v, p, changed) : walk(v, p, changed, k);
  }
  return out;
}

/** A new definition with every HTML-capable string sanitised, and the paths that changed. */
export function sanitizeDefinitionWithReport(def: SurveyDefinition): { definition: SurveyDefinition; changedPaths: string[] } {
  const changedPaths: string[] = [];
  const definition = walk(def, "", changedPaths) as SurveyDefinition;
  return { definition, changedPaths };
}

/** A new definition with every HTML-capable string sanitised. */
export function sanitizeDefinition(def: SurveyDefinition): SurveyDefinition {
  return sanitizeDefinitionWithReport(def).definition;
}
