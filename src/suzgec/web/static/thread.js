/* Inside the widget iframe: report the height to the host page and make "Yanıtla"
 * fill the form without a reload (the links still work without JavaScript). */
(function () {
  "use strict";
  function report() {
    if (window.parent !== window) {
      window.parent.postMessage(
        { suzgec: "height", height: document.documentElement.scrollHeight }, "*");
    }
  }
  // Bring the reader's result into view: inside the iframe, and on the host page,
  // which scrolls the fitted iframe as a whole (embed.js does that part).
  function showResult() {
    var target = document.querySelector(".result") ||
      document.querySelector(".form-status .notice, .form-status .error");
    if (!target) { return; }
    var top = target.getBoundingClientRect().top + window.scrollY;
    if (window.parent !== window) {
      window.parent.postMessage({ suzgec: "show", top: top }, "*");
    } else {
      target.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("load", function () { report(); showResult(); });
  if (window.ResizeObserver) { new ResizeObserver(report).observe(document.body); }

  var form = document.getElementById("yorum-formu");
  if (!form) { return; }
  var replying = form.querySelector(".replying");
  // Remember the reader's name between comments (storage may be blocked in iframes).
  try {
    var author = form.elements.author;
    if (!author.value) { author.value = localStorage.getItem("suzgec-author") || ""; }
    form.addEventListener("submit", function () {
      localStorage.setItem("suzgec-author", author.value);
    });
  } catch (e) { /* no storage: the name is simply not remembered */ }
  document.querySelectorAll("a.reply").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      form.elements.parent_id.value = link.getAttribute("data-reply");
      replying.querySelector(".replying-to").textContent = link.getAttribute("data-author");
      replying.hidden = false;
      form.elements.text.focus();
    });
  });
  // The result of the last post stays until the reader starts on the next one.
  var status = form.querySelector(".form-status");
  var counter = form.querySelector(".counter .used");
  var text = form.elements.text;
  text.addEventListener("input", function () {
    if (status) { status.textContent = ""; }
    if (counter) { counter.textContent = String(text.value.length); }
  });
  // One click, one post: the form token is single-use, so a double click would only
  // earn the reader an error page in place of their result.
  document.querySelectorAll("form.comment-form, form.suggestion").forEach(function (f) {
    f.addEventListener("submit", function () {
      var button = f.querySelector("button[type=submit]");
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  });
  form.querySelector(".cancel-reply").addEventListener("click", function (event) {
    event.preventDefault();
    form.elements.parent_id.value = "";
    replying.hidden = true;
  });
})();
