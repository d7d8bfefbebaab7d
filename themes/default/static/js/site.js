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

  // Sub-lists of the menu: a button beside the entry (disclosure pattern); one open at a time,
  // Escape or a click elsewhere closes it.
  var subToggles = Array.prototype.slice.call(document.querySelectorAll(".sub-toggle"));
  function setSub(b, open) {
    b.setAttribute("aria-expanded", String(open));
    b.parentNode.classList.toggle("open", open);
  }
  subToggles.forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var open = b.getAttribute("aria-expanded") !== "true";
      subToggles.forEach(function (o) { if (o !== b) setSub(o, false); });
      setSub(b, open);
    });
    b.parentNode.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && b.getAttribute("aria-expanded") === "true") {
        setSub(b, false);
        b.focus();
      }
    });
  });
  document.addEventListener("click", function (e) {
    subToggles.forEach(function (b) { if (!b.parentNode.contains(e.target)) setSub(b, false); });
  });

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

// The reader's sidebar: rating and voting without leaving the page. Both forms work
// without this script (they post and come back); with it, the totals change in place.
(function () {
  "use strict";
  function post(url, body) {
    return fetch(url, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }
  function failure(res) {
    return (res.body && res.body.error && res.body.error.message) || "Chưa gửi được. Vui lòng thử lại.";
  }

  document.querySelectorAll("form[data-rating]").forEach(function (form) {
    var status = form.querySelector(".rating-status");
    form.addEventListener("submit", function (e) {
      var chosen = form.querySelector("input[name=sao]:checked");
      if (!chosen) return;  // the browser says the field is required
      e.preventDefault();
      post(form.getAttribute("data-rating"), { stars: Number(chosen.value) }).then(function (res) {
        if (res.status === 201) {
          var box = form.closest(".rating");
          box.querySelector("[data-rating-points]").textContent = res.body.data.points;
          box.querySelector("[data-rating-count]").textContent = res.body.data.count;
          status.textContent = "Cảm ơn bạn đã đánh giá bài viết.";
        } else {
          status.textContent = failure(res);
        }
      }, function () { status.textContent = "Không kết nối được máy chủ. Vui lòng thử lại."; });
    });
  });

  function results(poll) {
    var total = poll.options.reduce(function (n, o) { return n + o.votes; }, 0);
    var list = document.createElement("ul");
    list.className = "poll-results";
    poll.options.forEach(function (o) {
      var pct = total ? o.votes * 100 / total : 0;
      var text = (Math.round(pct * 10) / 10).toString().replace(".", ",") + "%";
      var li = document.createElement("li");
      var label = document.createElement("span");
      label.className = "poll-label";
      label.id = "kq-" + poll.id + "-" + o.id;
      label.textContent = o.label;
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = Math.round(pct);
      bar.setAttribute("aria-labelledby", label.id);
      bar.textContent = text;
      var count = document.createElement("span");
      count.className = "poll-count";
      count.textContent = o.votes.toLocaleString("vi-VN") + " phiếu (" + text + ")";
      li.append(label, bar, count);
      list.append(li);
    });
    var sum = document.createElement("p");
    sum.className = "poll-total";
    sum.textContent = "Tổng số: " + poll.voters.toLocaleString("vi-VN") + " người tham gia.";
    return [list, sum];
  }

  document.querySelectorAll("form[data-poll]").forEach(function (form) {
    var status = form.querySelector(".poll-status");
    form.addEventListener("submit", function (e) {
      var chosen = Array.prototype.map.call(form.querySelectorAll("input[name=lua-chon]:checked"),
                                            function (i) { return Number(i.value); });
      e.preventDefault();
      if (!chosen.length) { status.textContent = "Vui lòng chọn một phương án."; return; }
      post(form.getAttribute("data-poll"), { options: chosen }).then(function (res) {
        if (res.status === 201) {
          var thanks = document.createElement("p");
          thanks.textContent = "Cảm ơn bạn đã tham gia bình chọn.";
          status.replaceChildren.apply(status, [thanks].concat(results(res.body.data)));
          form.querySelector("fieldset").disabled = true;
          form.querySelector("button[type=submit]").disabled = true;
        } else {
          status.textContent = failure(res);
        }
      }, function () { status.textContent = "Không kết nối được máy chủ. Vui lòng thử lại."; });
    });
  });
})();
