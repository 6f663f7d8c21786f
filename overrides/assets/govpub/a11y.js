/* govpub: 大字号 / 高对比度 switches and the article's 字号 大/中/小, remembered in
   localStorage; 分享, 打印 and 关闭; the search dialog's accessible name; the date and column of
   each search result (assets/govpub/pages.json, written by the plugin). Local file, no network. */
(function () {
  var here = document.currentScript ? document.currentScript.src : location.href;  // …/assets/govpub/a11y.js
  var root = document.documentElement;
  var KEYS = { large: "govpub-large", contrast: "govpub-contrast" };
  var SIZES = ["l", "m", "s"];
  function get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function put(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  function apply(k, on) {
    root.classList.toggle(KEYS[k], on);
    var btn = document.querySelector('[data-govpub-toggle="' + k + '"]');
    if (btn) btn.setAttribute("aria-pressed", on ? "true" : "false");
  }
  function size(s) {
    SIZES.forEach(function (x) { root.classList.toggle("govpub-size-" + x, x === s); });
    document.querySelectorAll("[data-govpub-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-govpub-size") === s ? "true" : "false");
    });
  }
  // 分享: the device's own share sheet where there is one (phones), else the address copied
  // for pasting into WeChat or a mail; no share service of another host sees the reader
  function share() {
    var status = document.querySelector(".govpub-tools__status");
    var url = location.href.split("#")[0];
    function say(text) { if (status) status.textContent = text; }
    function manual() { say("请复制本页地址：" + url); }
    if (navigator.share) {
      navigator.share({ title: document.title, url: url }).catch(function () { /* dismissed */ });
      return;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { say("本页地址已复制，可以粘贴到微信等处分享"); }, manual);
      return;
    }
    manual();
  }
  Object.keys(KEYS).forEach(function (k) { apply(k, get(KEYS[k]) === "1"); });
  size(SIZES.indexOf(get("govpub-size")) >= 0 ? get("govpub-size") : "m");
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target : null;
    if (!t) return;
    var btn = t.closest("[data-govpub-toggle]");
    if (btn) {
      var k = btn.getAttribute("data-govpub-toggle");
      var on = !root.classList.contains(KEYS[k]);
      put(KEYS[k], on ? "1" : "0");
      apply(k, on);
      return;
    }
    btn = t.closest("[data-govpub-size]");
    if (btn) { put("govpub-size", btn.getAttribute("data-govpub-size")); size(btn.getAttribute("data-govpub-size")); return; }
    if (t.closest("[data-govpub-print]")) { window.print(); return; }
    if (t.closest("[data-govpub-share]")) { share(); return; }
    btn = t.closest("[data-govpub-close]");
    if (btn) {
      // a window opened by a link closes; otherwise back to the column listing
      var back = btn.getAttribute("data-govpub-close");
      window.close();
      setTimeout(function () { location.href = back; }, 150);
    }
  });
  // the search dialog needs an accessible name (axe aria-dialog-name, WCAG 4.1.2)
  document.querySelectorAll('.md-search[role="dialog"]').forEach(function (d) {
    if (!d.getAttribute("aria-label")) d.setAttribute("aria-label", "站内搜索");
  });
  // A section with its own index page (navigation.indexes) gets an icon-only toggle <label>,
  // and that label names the section's nested <nav> (aria-labelledby): on small screens every
  // such nav was a navigation landmark with an empty name (axe landmark-unique: 政务公开 and
  // 政务服务 looked the same) and the focusable toggle said nothing to a screen reader. The
  // label gets the section title as visually hidden text (aria-label is not allowed on a
  // <label>: axe aria-prohibited-attr); the title is the one Material prints in the nav.
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.querySelector(":scope > .md-nav__title");
    var text = title ? title.textContent.trim() : "";
    if (label && text && !label.textContent.trim()) {
      var name = document.createElement("span");
      name.className = "govpub-visually-hidden";
      name.textContent = text;
      label.appendChild(name);
    }
  });
  // search results: the date and column of each article
  var list = document.querySelector(".md-search-result__list");
  if (!list || !window.MutationObserver) return;
  var base = new URL(".", here);
  var pages = null;
  var siteRoot = new URL("../../", base);
  var input = document.querySelector(".md-search__input");
  // Titles weigh more: results whose title holds the whole query come first. (Material's
  // worker splits a Chinese query into shorter words, so "法律援助" also ranks any title
  // with "法律…" by its body text.)
  function rank() {
    var q = (input && input.value || "").replace(/\s+/g, "");
    if (!q) return;
    var items = [].slice.call(list.children);
    var title = function (li) { var h = li.querySelector("h1, h2"); return h ? h.textContent.replace(/[\s\u200b]+/g, "") : ""; };
    var first = items.filter(function (li) { return title(li).indexOf(q) >= 0; });
    var order = first.concat(items.filter(function (li) { return first.indexOf(li) < 0; }));
    if (order.every(function (li, i) { return li === items[i]; })) return;
    order.forEach(function (li) { list.appendChild(li); });
  }
  function annotate() {
    rank();
    if (!pages) return;
    list.querySelectorAll(".md-search-result__item > .md-search-result__link").forEach(function (a) {
      if (a.querySelector(".govpub-search-meta")) return;
      var path = new URL(a.getAttribute("href"), location.href).pathname.slice(siteRoot.pathname.length);
      var info = pages[path.split("#")[0]];
      if (!info) return;
      var meta = document.createElement("p");
      meta.className = "govpub-search-meta";
      meta.textContent = (info[2] ? "【" + info[2] + "】" : "") + info[1] + "　" + info[0];
      var art = a.querySelector("article") || a;
      art.appendChild(meta);
    });
  }
  fetch(new URL("pages.json", base)).then(function (r) { return r.json(); }).then(function (d) { pages = d; annotate(); })
    .catch(function () { /* results keep working without dates */ });
  new MutationObserver(annotate).observe(list, { childList: true, subtree: true });
})();
