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
  // A deep link (#yorum-N, ?yorum=N) is the comment to show when there is no result.
  function showResult() {
    var target = document.querySelector(".result") ||
      document.querySelector(".form-status .notice, .form-status .error") ||
      document.querySelector(".comment.linked");
    if (!target) { return; }
    var top = target.getBoundingClientRect().top + window.scrollY;
    if (window.parent !== window) {
      window.parent.postMessage({ suzgec: "show", top: top }, "*");
    } else {
      target.scrollIntoView({ block: "center" });
    }
  }
  // Opened with only a hash (#yorum-N) for a comment not on this page: the server
  // never sees a hash, so ask it for the page that holds that comment's thread.
  var wanted = /^#yorum-(\d+)$/.exec(window.location.hash);
  if (wanted && !document.getElementById("yorum-" + wanted[1])) {
    var params = new URLSearchParams(window.location.search);
    if (params.get("yorum") !== wanted[1]) {
      params.delete("sonra");
      params.set("yorum", wanted[1]);
      window.location.replace("?" + params.toString() + window.location.hash);
      return;
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
  // Delegated, so replies to comments "Daha fazla yorum" appended work too.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.reply");
    if (!link) { return; }
    event.preventDefault();
    form.elements.parent_id.value = link.getAttribute("data-reply");
    replying.querySelector(".replying-to").textContent = link.getAttribute("data-author");
    replying.hidden = false;
    form.elements.text.focus();
  });
  // "Daha fazla yorum": append the next page's threads in place (the link itself opens
  // that page without JavaScript, in the same order).
  document.addEventListener("click", function (event) {
    var more = event.target.closest && event.target.closest("a.more");
    if (!more || !window.fetch || !window.DOMParser) { return; }
    event.preventDefault();
    fetch(more.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var next = new DOMParser().parseFromString(html, "text/html");
      var list = document.querySelector("ol.thread");
      next.querySelectorAll("ol.thread > li.comment").forEach(function (item) {
        if (!document.getElementById(item.id)) { list.appendChild(document.importNode(item, true)); }
      });
      var paging = more.closest("p.paging");
      var after = next.querySelector("a.more");
      if (after) { more.href = after.getAttribute("href"); } else { paging.remove(); }
      report();
    }).catch(function () { window.location.href = more.href; });
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
