// Portico's one public script: progressive enhancements only; every page works without it.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var SIZES = 5, DEFAULT_SIZE = 1;

  function readDisplay() {
    var m = /(?:^|;\s*)hien-thi=s([0-4])c([01])/.exec(document.cookie);
    return m ? { size: +m[1], contrast: m[2] === "1" } : { size: DEFAULT_SIZE, contrast: false };
  }

  // Applies the choice at once and stores it where the server reads it, so the next page
  // arrives already in this size and contrast.
  function applyDisplay(d) {
    for (var i = 0; i < SIZES; i++) root.classList.toggle("fs-" + i, i === d.size);
    root.classList.toggle("hc", d.contrast);
    document.cookie = "hien-thi=s" + d.size + "c" + (d.contrast ? 1 : 0) + "; Path=/; Max-Age=31536000; SameSite=Lax";
    var q = function (s) { return document.querySelector('[data-display="' + s + '"]'); };
    if (q("smaller")) q("smaller").disabled = d.size === 0;
    if (q("larger")) q("larger").disabled = d.size === SIZES - 1;
    if (q("reset")) q("reset").setAttribute("aria-pressed", String(d.size === DEFAULT_SIZE));
    if (q("contrast-on")) q("contrast-on").setAttribute("aria-pressed", String(d.contrast));
    if (q("contrast-off")) q("contrast-off").setAttribute("aria-pressed", String(!d.contrast));
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-display]");
    if (!b) return;
    e.preventDefault();
    var d = readDisplay();
    var a = b.getAttribute("data-display");
    if (a === "smaller") d.size = Math.max(0, d.size - 1);
    else if (a === "larger") d.size = Math.min(SIZES - 1, d.size + 1);
    else if (a === "reset") d.size = DEFAULT_SIZE;
    else if (a === "contrast-on") d.contrast = true;
    else if (a === "contrast-off") d.contrast = false;
    applyDisplay(d);
  });

  // Phone menu: a real button with aria-expanded.
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("menu-list");
  if (toggle && menu) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("open", open);
    });
  }

  // Copy link: the clipboard when allowed, otherwise select the address for Ctrl+C.
  var status = document.querySelector(".tool-status");
  function say(text) { if (status) status.textContent = text; }
  document.querySelectorAll("[data-copy-link]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var input = document.querySelector(b.getAttribute("data-copy-link"));
      var url = input ? input.value : location.href;
      function fallback() {
        if (input) { input.focus(); input.select(); }
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
        say(ok ? "Đã sao chép địa chỉ bài viết." : "Đã chọn địa chỉ bài viết, nhấn Ctrl+C để sao chép.");
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { say("Đã sao chép địa chỉ bài viết."); }, fallback);
      } else {
        fallback();
      }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
