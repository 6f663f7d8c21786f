// How the page tests open Debian's Chromium (headless, through playwright-core; CHROMIUM names
// another binary): a fresh profile, zh-CN, and every request for a host other than 127.0.0.1
// aborted and recorded, so nothing leaves this machine even when a page would ask for it.
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

export function local(url) {
  if (/^(data|blob|about):/.test(url)) return true;
  try { return new URL(url).hostname === "127.0.0.1"; } catch { return false; }
}

// { context, page, close }: external receives the address of every request that was aborted
export async function open(name, viewport, external) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `govpub-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, viewport, locale: "zh-CN",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}
