// A reader of the tenth round's hostile article (tests/site/test_readers10.py) in headless Chromium
// (Debian's, through playwright-core), the built site served on 127.0.0.1; one JSON object of
// observations on stdout. Usage: node readers10.mjs BASE_URL ARTICLE_PATH
//
// - the page's headings as the accessibility tree has them (one h1: the title);
// - the footnote marker leads to the note and the note's ↩ back to the marker;
// - the list written from 3 starts at 3; text that was in a <details> is seen (innerText leaves out
//   what a reader does not see);
// - axe-core at 1366 and 390 px on the article and every generated page (首页, 网站地图, 政府信息公开,
//   政务公开, 政务服务, a column, 互动交流, 404); no request leaves 127.0.0.1.
import { createRequire } from "node:module";
import { open } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

const [base, article] = process.argv.slice(2);
const result = { external: [], axe: {}, headings: [], footnote: {}, list: null, seen: "" };

const { page, close } = await open("readers10", { width: 1366, height: 900 }, result.external);
try {
  async function axe(name) {
    await page.addScriptTag({ path: axePath });
    result.axe[name] = await page.evaluate(async () => {
      const r = await axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
    });
  }

  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, where] of [["article", article], ["interact", "/hdjl/"], ["home", "/"], ["sitemap", "/wzdt/"],
      ["xxgk", "/xxgk/"], ["open", "/zwgk/"], ["service", "/zwfw/"], ["column", "/gzdt/"], ["404", "/404.html"]]) {
      await page.goto(base + where, { waitUntil: "load" });
      await axe(`${name}-${width}`);
    }
  }

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(base + article, { waitUntil: "load" });
  result.headings = await page.evaluate(() =>
    [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => `${h.tagName}:${h.textContent.trim()}`));
  result.list = await page.evaluate(() => {
    const item = [...document.querySelectorAll(".govpub-body li")].find((li) => li.textContent.trim() === "第三项要求");
    return item ? item.parentElement.start : null;
  });
  result.seen = await page.evaluate(() => document.querySelector(".govpub-body").innerText);

  await page.click('.govpub-body sup a[href="#fn:1"]');
  result.footnote.hash = await page.evaluate(() => location.hash);
  result.footnote.target = await page.evaluate(() => {
    const note = document.querySelector(":target");
    return note ? note.innerText.trim() : null;
  });
  await page.click('.govpub-body a[href="#fnref:1"]');
  result.footnote.back = await page.evaluate(() => location.hash);
} finally {
  await close();
}
process.stdout.write(JSON.stringify(result));
