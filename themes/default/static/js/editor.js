// The newsroom's visual editor: Quill over the body's HTML textarea. Without JavaScript
// (or if Quill is missing) the textarea is the editor; either way the server sanitises.
// Quill knows paragraphs, headings, emphasis, lists, quotes and links only: a body with
// tables, figures or images stays in the HTML box, so nothing is lost by opening it, and
// "Sửa dạng HTML" switches to that box at any time (for pasting a table, say).
(function () {
  "use strict";
  var area = document.getElementById("noi-dung-bai");
  if (!area || !window.Quill) return;
  if (/<(table|figure|img|h4|hr|sup|sub|s)\b/i.test(area.value)) return;
  var form = area.form;
  var holder = document.createElement("div");
  holder.className = "visual-editor";
  area.parentNode.insertBefore(holder, area);
  var quill = new window.Quill(holder, {
    theme: "snow",
    modules: {
      toolbar: [[{ header: 2 }, { header: 3 }], ["bold", "italic", "underline"], [{ list: "ordered" }, { list: "bullet" }],
                ["blockquote", "link"], ["clean"]],
    },
  });
  quill.clipboard.dangerouslyPasteHTML(area.value);  // our own, already sanitised HTML
  area.hidden = true;
  quill.root.setAttribute("role", "textbox");
  quill.root.setAttribute("aria-multiline", "true");
  quill.root.setAttribute("aria-labelledby", "nhan-noi-dung");
  quill.root.setAttribute("aria-describedby", "noi-dung-goi-y");
  var names = { "ql-bold": "Chữ đậm", "ql-italic": "Chữ nghiêng", "ql-underline": "Gạch chân", "ql-blockquote": "Trích dẫn",
                "ql-link": "Liên kết", "ql-clean": "Xoá định dạng" };
  var toolbar = holder.previousSibling;
  form.querySelectorAll(".ql-toolbar button").forEach(function (b) {
    var label = names[b.className];
    if (b.classList.contains("ql-header")) label = "Tiêu đề cấp " + b.value;
    if (b.classList.contains("ql-list")) label = b.value === "ordered" ? "Danh sách đánh số" : "Danh sách dấu chấm";
    if (label) b.setAttribute("aria-label", label);
  });
  var visual = true;
  function html() {
    // Quill 2 writes every space as &nbsp; in its semantic HTML: give the words room to wrap.
    return quill.getSemanticHTML().replace(/&nbsp;|\u00a0/g, " ");
  }
  var toHtml = document.createElement("button");
  toHtml.type = "button";
  toHtml.className = "tool-button secondary";
  toHtml.textContent = "Sửa dạng HTML";
  toHtml.addEventListener("click", function () {
    area.value = html();
    visual = false;
    holder.hidden = true;
    if (toolbar && toolbar.classList && toolbar.classList.contains("ql-toolbar")) toolbar.hidden = true;
    toHtml.hidden = true;
    area.hidden = false;
    area.focus();
  });
  area.parentNode.insertBefore(toHtml, area.nextSibling);
  form.addEventListener("submit", function () {
    if (visual) area.value = html();
  });
})();
