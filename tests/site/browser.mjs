// Drives Debian's Chromium (headless, through playwright-core) over the built site served on
// 127.0.0.1 and prints one JSON object of observations; tests/site/test_site_browser.py asserts
// on them. Usage: node browser.mjs BASE_URL OUT_DIR QUERY
//
// Every request the browser tries to make is recorded; any whose host is not 127.0.0.1 is
// also aborted, so nothing leaves this machine even when a page would ask for it.
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

const [base, outDir, query] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FOOTER = ["govpub-sitemap-link", "govpub-zhaocuo", "govpub-sponsor", "govpub-contact",
  "govpub-idcode", "govpub-icp", "govpub-police", "govpub-dzjg"];

const result = { requests: [], external: [], footer: {}, screenshots: [], axe: {}, search: {}, a11y: {},
  portal: {}, print: {}, size: {}, ranking: {} };
// the portal pages, looked at 1366 and 390 px wide (a laptop and a phone)
const PORTAL = { home: "/", column: "/gzdt/", article: "/gzdt/2026/rmtj-paicha/", interact: "/hdjl/" };
const WIDTHS = [1366, 390];
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "govpub-chromium-"));

function local(url) {
  if (/^(data|blob|about):/.test(url)) return true;
  try { return new URL(url).hostname === "127.0.0.1"; } catch { return false; }
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  locale: "zh-CN",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  await context.route("**/*", (route) => {
    const url = route.request().url();
    result.requests.push(url);
    if (local(url)) return route.continue();
    result.external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  result.console = [];
  page.on("console", (msg) => { if (msg.type() === "error" || msg.type() === "warning") result.console.push(msg.text()); });
  page.on("pageerror", (err) => result.console.push(String(err)));
  context.on("requestfailed", (req) => { if (local(req.url())) result.console.push("failed: " + req.url()); });

  async function axe(name) {
    await page.addScriptTag({ path: axePath });
    const res = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
    });
    result.axe[name] = res;
  }

  // -- home page: footer, screenshot, axe -----------------------------------------------
  await page.goto(base + "/", { waitUntil: "networkidle" });
  for (const id of FOOTER) {
    const loc = page.locator("#" + id);
    await loc.scrollIntoViewIfNeeded();
    result.footer[id] = await loc.isVisible();
  }
  const vw = page.viewportSize().width;
  const logo = await page.locator("#govpub-dzjg img").boundingBox();
  const footer = await page.locator("footer").boundingBox();
  const others = await Promise.all(FOOTER.filter((id) => id !== "govpub-dzjg")
    .map((id) => page.locator("#" + id).boundingBox()));
  result.dzjg = {
    centre_offset: logo ? Math.abs(logo.x + logo.width / 2 - vw / 2) : null,
    lowest: logo ? others.every((b) => b && b.y + b.height <= logo.y + 1) : false,
    inside_footer: logo && footer ? logo.y >= footer.y && logo.y + logo.height <= footer.y + footer.height + 1 : false,
  };
  result.lang = await page.evaluate(() => document.documentElement.lang);
  const shot = path.join(outDir, "home.png");
  await page.screenshot({ path: shot, fullPage: true });
  result.screenshots.push(shot);
  await axe("home");

  // -- keyboard: Tab reaches a visible, focusable element -------------------------------
  await page.goto(base + "/", { waitUntil: "networkidle" });
  await page.keyboard.press("Tab");
  result.a11y.first_tab = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { tag: el.tagName, text: (el.textContent || "").trim().slice(0, 20), visible: r.width > 0 && r.height > 0 };
  });
  // -- 大字号 / 高对比度 switches ---------------------------------------------------------
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.locator('[data-govpub-toggle="large"]').click();
  await page.locator('[data-govpub-toggle="contrast"]').click();
  result.a11y.large = await page.evaluate(() => document.documentElement.classList.contains("govpub-large"));
  result.a11y.contrast = await page.evaluate(() => document.documentElement.classList.contains("govpub-contrast"));
  result.a11y.font_ratio = (await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))) / before;
  await page.reload({ waitUntil: "networkidle" });
  result.a11y.remembered = await page.evaluate(() => document.documentElement.classList.contains("govpub-large"));
  const shotLarge = path.join(outDir, "home-large.png");
  await page.screenshot({ path: shotLarge });
  result.screenshots.push(shotLarge);
  await axe("home-large-contrast");
  await page.locator('[data-govpub-toggle="large"]').click();
  await page.locator('[data-govpub-toggle="contrast"]').click();

  // -- a column listing and an article ---------------------------------------------------
  await page.goto(base + "/zcwj/", { waitUntil: "networkidle" });
  await axe("column");
  await page.goto(base + "/zcwj/2026/zbls-banfa/", { waitUntil: "networkidle" });
  await axe("article");
  const shotArticle = path.join(outDir, "article.png");
  await page.screenshot({ path: shotArticle, fullPage: true });
  result.screenshots.push(shotArticle);

  // -- the portal at both widths: breadcrumb, toolbar, previous/next, no sidebar ----------
  async function visible(sel) {
    return page.evaluate((s) => [...document.querySelectorAll(s)].some((el) => {
      const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none";
    }), sel);
  }
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, url] of Object.entries(PORTAL)) {
      await page.goto(base + url, { waitUntil: "networkidle" });
      result.portal[`${name}-${width}`] = {
        crumbs: await page.evaluate(() => {
          const n = document.querySelector("nav.govpub-crumbs");
          return n ? n.textContent.replace(/\s+/g, "") : null;
        }),
        toolbar: await visible(".govpub-tools [data-govpub-print]"),
        prevnext: await page.evaluate(() => [...document.querySelectorAll(".govpub-prevnext a")]
          .map((a) => ({ rel: a.rel, href: a.getAttribute("href"), text: a.textContent.trim() }))),
        // a sidebar shown beside the content (the small-screen drawer waits off-screen)
        sidebar: await page.evaluate(() => [...document.querySelectorAll(".md-sidebar, .md-nav--secondary")].some((el) => {
          const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && cs.display !== "none" && cs.visibility !== "hidden"
            && r.right > 0 && r.left < window.innerWidth;
        })),
        tabs: await page.evaluate(() => [...document.querySelectorAll(".md-tabs__link")]
          .filter((a) => a.getBoundingClientRect().width > 0).map((a) => a.textContent.trim())),
        emblem: await visible(".govpub-banner__emblem"),
        // each navigation landmark's name: aria-labelledby's text, else aria-label
        nav_names: await page.evaluate(() => [...document.querySelectorAll("nav, [role=navigation]")].map((n) => {
          const ids = (n.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
          const byId = ids.map((id) => (document.getElementById(id) || {}).textContent || "").join(" ").trim();
          return byId || (n.getAttribute("aria-label") || "").trim();
        })),
        overflow: await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1),
        title: await page.title(),
        quote_font: await page.evaluate(() => getComputedStyle(document.body).fontFamily.split(",")[0].trim()),
      };
      const png = path.join(outDir, `site-${name}-${width}.png`);
      await page.screenshot({ path: png, fullPage: width === 390 ? false : true });
      result.screenshots.push(png);
      await axe(`${name}-${width}`);
    }
    // print applies the print stylesheet: the toolbar and navigation are hidden
    await page.goto(base + PORTAL.article, { waitUntil: "networkidle" });
    await page.emulateMedia({ media: "print" });
    result.print[width] = {
      toolbar: await visible(".govpub-tools"), tabs: await visible(".md-tabs"), header: await visible(".md-header"),
      banner: await visible(".govpub-banner"), crumbs: await visible(".govpub-crumbs"), body: await visible(".govpub-body"),
    };
    await page.emulateMedia({ media: "screen" });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  // 字号 大: larger article text, remembered on the next article
  await page.goto(base + PORTAL.article, { waitUntil: "networkidle" });
  const bodySize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".govpub-body p")).fontSize));
  const medium = await bodySize();
  await page.locator('[data-govpub-size="l"]').click();
  const large = await bodySize();
  await page.goto(base + "/zcwj/2026/zbls-banfa/", { waitUntil: "networkidle" });
  result.size = { ratio: large / medium, remembered: await page.evaluate(() => document.documentElement.classList.contains("govpub-size-l")),
    pressed: await page.locator('[data-govpub-size="l"]').getAttribute("aria-pressed") };
  await page.locator('[data-govpub-size="s"]').click();
  result.size.small = (await bodySize()) < medium;
  await page.locator('[data-govpub-size="m"]').click();
  // 关闭: a tab the reader opened is not closed by a script; it goes back to the column
  await Promise.all([page.waitForURL(/\/zcwj\/$/, { timeout: 5000 }).catch(() => {}),
    page.locator("[data-govpub-close]").click()]);
  result.size.closed_to = new URL(page.url()).pathname;

  // -- Chinese search ----------------------------------------------------------------------
  async function search(q) {
    await page.goto(base + "/", { waitUntil: "networkidle" });
    await page.locator("label.md-search__icon, .md-search__input").first().click();
    await page.locator("input.md-search__input").focus();
    await page.keyboard.type(q, { delay: 50 });
    await page.keyboard.press("End");
    await page.locator(".md-search-result__item").first().waitFor({ timeout: 20000 }).catch(() => {});
    await page.locator(".govpub-search-meta").first().waitFor({ timeout: 5000 }).catch(() => {});
    return page.evaluate(() => [...document.querySelectorAll(".md-search-result__item > .md-search-result__link")]
      .map((a) => ({ href: a.getAttribute("href"), title: (a.querySelector("h1,h2") || a).textContent.trim(),
        meta: (a.querySelector(".govpub-search-meta") || {}).textContent || null })));
  }
  result.ranking.hits = await search("法律援助");
  const shotRank = path.join(outDir, "site-search-1366.png");
  await page.screenshot({ path: shotRank });
  result.screenshots.push(shotRank);
  await axe("search");

  // -- Chinese search ----------------------------------------------------------------------
  await page.goto(base + "/", { waitUntil: "networkidle" });
  await page.locator("label.md-search__icon, .md-search__input").first().click();
  const input = page.locator("input.md-search__input");
  await input.focus();
  // Material searches on key events. Playwright types CJK characters as text insertion,
  // with no key events (as an IME commit would end with one), so one key press follows.
  await page.keyboard.type(query, { delay: 50 });
  await page.keyboard.press("End");
  await page.locator(".md-search-result__item").first().waitFor({ timeout: 20000 }).catch(() => {});
  result.search.hits = await page.evaluate(() =>
    [...document.querySelectorAll(".md-search-result__item > a, .md-search-result__link")]
      .map((a) => ({ href: a.getAttribute("href"), title: (a.querySelector("h1,h2") || a).textContent.trim() })));
  const shotSearch = path.join(outDir, "search.png");
  await page.screenshot({ path: shotSearch });
  result.screenshots.push(shotSearch);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(result));
