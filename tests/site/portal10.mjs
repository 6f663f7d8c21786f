// The 已废止 label of a superseded policy document (tests/site/test_portal10.py) in headless
// Chromium (Debian's, through playwright-core), the built site served on 127.0.0.1; one JSON object
// on stdout. Usage: node portal10.mjs BASE_URL ARTICLE_PATH COLUMN_PATH
//
// For the article page and the column listing: the first label's text, size, whether it is shown
// (display, visibility, opacity) and its text/background contrast; on the article, whether the label
// is in the h1 and the text a reader sees (innerText); axe-core on both pages.
import { createRequire } from "node:module";
import { open } from "./chromium.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const [base, article, column] = process.argv.slice(2);
const result = { external: [], article: null, column: null, seen: "", axe: {} };

async function axe(page, name) {
  await page.addScriptTag({ path: axePath });
  result.axe[name] = await page.evaluate(async () => {
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

function probe() {
  const el = document.querySelector(".govpub-validity");
  if (!el) return null;
  const style = getComputedStyle(el);
  const rgb = (s) => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
  const box = el.getBoundingClientRect();
  return {
    text: el.innerText.trim(), width: box.width, height: box.height, inTitle: !!el.closest("h1"),
    visible: style.display !== "none" && style.visibility === "visible" && Number(style.opacity) > 0.9,
    contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
  };
}

const { page, close } = await open("portal10", { width: 1366, height: 900 }, result.external);
try {
  await page.goto(base + article, { waitUntil: "load" });
  result.article = await page.evaluate(probe);
  result.seen = await page.evaluate(() => document.querySelector("article, .md-content").innerText);
  await axe(page, "article");
  await page.goto(base + column, { waitUntil: "load" });
  result.column = await page.evaluate(probe);
  await axe(page, "column");
} finally {
  await close();
}
process.stdout.write(JSON.stringify(result));
