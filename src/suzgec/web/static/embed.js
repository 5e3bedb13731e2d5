/* Süzgeç comment widget. Paste under an article:
 *   <script src="https://suzgec.example/static/embed.js" data-article="SLUG" async></script>
 * It adds an iframe served by Süzgeç (the thread and the form) and keeps its height
 * fitted to the content; the host page's CSS cannot reach inside. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var slug = script.getAttribute("data-article");
  if (!slug) { return; }
  var base = new URL(script.src, document.baseURI).origin;
  var frame = document.createElement("iframe");
  var page = base + "/embed/" + encodeURIComponent(slug);
  // A link to one comment (#yorum-123, or ?yorum=123) on the host page opens the
  // widget at the page of that comment's thread, scrolled to it.
  function linked() {
    var hash = /^#yorum-(\d+)$/.exec(window.location.hash);
    if (hash) { return hash[1]; }
    var query = /[?&]yorum=(\d+)(?:&|$)/.exec(window.location.search);
    return query ? query[1] : null;
  }
  function source() {
    var id = linked();
    return id ? page + "?yorum=" + id + "#yorum-" + id : page;
  }
  frame.src = source();
  window.addEventListener("hashchange", function () {
    if (linked()) { frame.src = source(); }
  });
  frame.title = "Yorumlar";
  frame.className = "suzgec-frame";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.minHeight = "420px";
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (event) {
    if (event.origin !== base || event.source !== frame.contentWindow) { return; }
    var data = event.data;
    if (data && data.suzgec === "height" && typeof data.height === "number") {
      frame.style.height = Math.ceil(data.height) + "px";
    }
    if (data && data.suzgec === "show" && typeof data.top === "number") {
      // The reader's result (published, waiting, refused) lands where they look.
      var y = frame.getBoundingClientRect().top + window.scrollY + data.top;
      window.scrollTo({ top: Math.max(0, y - window.innerHeight / 3) });
    }
  });
})();
