/* govpub: 大字号 / 高对比度 switches, remembered in localStorage. Local file, no network. */
(function () {
  var root = document.documentElement;
  var KEYS = { large: "govpub-large", contrast: "govpub-contrast" };
  function stored(k) { try { return localStorage.getItem(KEYS[k]) === "1"; } catch (e) { return false; } }
  function apply(k, on) {
    root.classList.toggle(KEYS[k], on);
    var btn = document.querySelector('[data-govpub-toggle="' + k + '"]');
    if (btn) btn.setAttribute("aria-pressed", on ? "true" : "false");
  }
  Object.keys(KEYS).forEach(function (k) { apply(k, stored(k)); });
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest && ev.target.closest("[data-govpub-toggle]");
    if (!btn) return;
    var k = btn.getAttribute("data-govpub-toggle");
    var on = !root.classList.contains(KEYS[k]);
    try { localStorage.setItem(KEYS[k], on ? "1" : "0"); } catch (e) { /* private mode */ }
    apply(k, on);
  });
})();
