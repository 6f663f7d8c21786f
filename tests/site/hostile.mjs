// Opens pages built from hostile articles in Debian's Chromium (headless, playwright-core) and
// reports, per page, whatever ran or tried to leave the machine; tests/test_hostile.py asserts
// on the JSON it prints. Usage: node hostile.mjs BASE_URL PAGES_JSON
//
// A payload "runs" when it calls alert/confirm/prompt/print, opens a dialog, or makes any
// request to a host other than 127.0.0.1 (those are recorded and aborted). After loading,
// every element of the page gets mouseover, mouseenter, focus, animationstart and toggle
// events, so handlers that need a visitor's move fire too. The DOM is then read for what
// could still run on a click: on* attributes, javascript:/data:/vbscript: links and frames.
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [base, pagesFile] = process.argv.slice(2);
const pages = JSON.parse(fs.readFileSync(pagesFile, "utf-8"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "govpub-hostile-"));
const result = {};
let current = null;

function local(url) {
  if (/^(blob|about):/.test(url)) return true;
  try { return new URL(url).hostname === "127.0.0.1"; } catch { return false; }
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  await context.addInitScript(() => {
    window.__ran = [];
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      window[name] = (...args) => { window.__ran.push(name + ":" + args.join(",")); };
    }
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    if (current) result[current].external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  page.on("dialog", async (d) => { if (current) result[current].dialogs.push(d.message()); await d.dismiss(); });
  for (const p of pages) {
    current = p;
    result[p] = { external: [], dialogs: [], ran: [], handlers: [], urls: [], frames: 0, status: 0 };
    const resp = await page.goto(base + "/" + p, { waitUntil: "load" });
    result[p].status = resp ? resp.status() : 0;
    await page.evaluate(async () => {
      for (const el of document.querySelectorAll("body *")) {
        for (const type of ["mouseover", "mouseenter", "focus", "animationstart", "toggle"]) {
          el.dispatchEvent(new Event(type, { bubbles: false }));
        }
      }
      await new Promise((r) => setTimeout(r, 150));
    });
    const seen = await page.evaluate(() => {
      const handlers = [];
      const urls = [];
      for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) handlers.push(el.tagName + " " + a.name);
        }
        for (const attr of ["href", "src", "action", "formaction", "data", "xlink:href"]) {
          const v = el.getAttribute(attr);
          if (v && /^\s*(javascript|vbscript|data):/i.test(v.replace(/[\u0000-\u0020]/g, ""))) {
            urls.push(el.tagName + " " + attr + "=" + v.slice(0, 60));
          }
        }
        if (el.tagName === "A" && /^(javascript|vbscript|data):$/i.test(el.protocol || "")) {
          urls.push("A protocol " + el.protocol);
        }
      }
      return { ran: window.__ran || [], handlers, urls,
        frames: document.querySelectorAll("iframe, frame, object, embed").length };
    });
    Object.assign(result[p], seen);
    for (const f of page.frames()) {
      if (f !== page.mainFrame()) {
        const ran = await f.evaluate(() => window.__ran || []).catch(() => []);
        result[p].ran.push(...ran);
      }
    }
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(result));
