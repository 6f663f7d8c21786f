// What an inspector does on a phone and with the keyboard (tests/site/test_portal8.py): the
// built site served on 127.0.0.1, headless Chromium (Debian's) through playwright-core, one
// JSON object of observations on stdout. Usage: node portal8.mjs BASE_URL
//
// - 375 px wide (the narrowest common phone): no page scrolls sideways;
// - an address that does not exist: the 404 page with the site's frame and footer;
// - keyboard: the first Tab stop is 跳到正文, Enter on it moves on to the content; every Tab
//   stop shows a focus ring that stands out from what is around it;
// - 分享: the page's address is copied; no request leaves 127.0.0.1 (any other is aborted).
import { open } from "./chromium.mjs";

const [base] = process.argv.slice(2);
const NARROW = ["/", "/gzdt/", "/gzdt/2026/xzfy-zuotanhui/", "/hdjl/", "/wzdt/"];
const ARTICLE = "/gzdt/2026/xzfy-zuotanhui/";
const MISSING = "/gzdt/2026/no-such-article/";
const result = { external: [], narrow: {}, missing: {}, keyboard: {}, share: {} };

const { context, page, close } = await open("portal8", { width: 375, height: 740 }, result.external);
try {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const width = () => page.evaluate(() => {
    const de = document.documentElement;
    const past = [...document.querySelectorAll("body *")].filter((e) => {
      const b = e.getBoundingClientRect();
      return b.width > 0 && b.right > de.clientWidth + 1 && getComputedStyle(e).visibility !== "hidden"
        && !e.closest(".md-tabs, .md-sidebar, .md-search");  // the tab bar scrolls within itself
    }).slice(0, 5).map((e) => `${e.tagName}.${e.className}`);
    return { scroll: de.scrollWidth, client: de.clientWidth, past };
  });

  for (const p of NARROW) {
    await page.goto(base + p, { waitUntil: "load" });
    result.narrow[p] = await width();
  }

  // -- 404: served by the web server at any depth ----------------------------------------
  const resp = await page.goto(base + MISSING, { waitUntil: "load" });
  result.missing = {
    status: resp.status(),
    title: await page.title(),
    h1: (await page.locator("h1").first().textContent()).trim(),
    footer: await page.locator("#govpub-gov-links").isVisible(),
    styled: await page.evaluate(() => getComputedStyle(document.querySelector(".govpub-footer .md-footer-meta")).backgroundColor),
    ...(await width()),
  };

  // -- keyboard: 跳到正文, then on into the content ----------------------------------------
  await page.goto(base + ARTICLE, { waitUntil: "load" });
  await page.keyboard.press("Tab");
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { text: (el.textContent || "").trim().slice(0, 20), id: el.id, cls: el.className,
      visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && getComputedStyle(el).opacity !== "0" };
  });
  result.keyboard.first = await focused();
  await page.keyboard.press("Enter");
  result.keyboard.hash = await page.evaluate(() => location.hash);
  await page.keyboard.press("Tab");
  result.keyboard.next = await focused();
  result.keyboard.next_in_crumbs = await page.evaluate(() => !!document.activeElement.closest(".govpub-crumbs"));

  // -- every Tab stop of an article shows a focus ring, in normal and high-contrast mode ---
  const ring = () => page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    let bg = "rgba(0, 0, 0, 0)";
    // a ring drawn outside the element lies on its parent's colour, one drawn inside on its own
    const inside = parseFloat(s.outlineOffset) < 0;
    for (let p = inside ? el : el.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (!/rgba\(.*, 0\)$/.test(c)) { bg = c; break; }
    }
    if (bg === "rgba(0, 0, 0, 0)") bg = "rgb(255, 255, 255)";
    return { tag: el.tagName, text: (el.textContent || el.getAttribute("placeholder") || "").trim().slice(0, 12),
      style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, bg,
      body: el === document.body, search: !!el.closest(".md-search"), cls: String(el.className).slice(0, 40),
      shown: (() => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > 0 && r.left < innerWidth; })() };
  });
  for (const mode of ["normal", "contrast"]) {
    await page.goto(base + ARTICLE, { waitUntil: "load" });
    await page.evaluate((m) => localStorage.setItem("govpub-contrast", m === "contrast" ? "1" : "0"), mode);
    await page.reload({ waitUntil: "load" });
    const stops = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      let r = await ring();
      if (!r.shown && r.search) {  // the search overlay slides in when its field takes the focus
        await page.waitForTimeout(400);
        r = await ring();
      }
      if (r.body) continue;  // past the last stop (or the search moving the focus): on to the first again
      if (stops.length && r.cls.startsWith("md-skip")) break;  // round once
      stops.push(r);
    }
    result.keyboard["rings_" + mode] = stops;
  }
  await page.evaluate(() => localStorage.removeItem("govpub-contrast"));
  // -- 分享 ----------------------------------------------------------------------------------
  await page.goto(base + ARTICLE + "#x", { waitUntil: "load" });
  result.share.native = await page.evaluate(() => typeof navigator.share === "function");
  await page.locator("[data-govpub-share]").click();
  await page.waitForFunction(() => document.querySelector(".govpub-tools__status").textContent !== "", null, { timeout: 5000 });
  result.share.status = await page.locator(".govpub-tools__status").textContent();
  result.share.clipboard = await page.evaluate(() => navigator.clipboard.readText());
  result.share.url = page.url().split("#")[0];
  result.share.narrow = await width();
  // the drawer (☰) still opens, and its links are then shown and reachable
  await page.goto(base + ARTICLE, { waitUntil: "load" });
  await page.locator('.md-header label[for="__drawer"]').click();
  await page.waitForTimeout(400);
  const link = page.locator(".md-sidebar--primary .md-nav__link", { hasText: "互动交流" }).first();
  result.keyboard.drawer = { visible: await link.isVisible() };
  await link.focus();
  result.keyboard.drawer.focused = (await ring()).shown;

} finally {
  await close();
}
process.stdout.write(JSON.stringify(result));
