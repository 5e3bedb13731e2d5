/* Süzgeç comment widget. Paste under an article:
 *   <script src="https://suzgec.example/static/embed.js" data-article="SLUG"
 *           data-title="Haberin başlığı" data-url="https://gazete.example/haber/1" async></script>
 * It adds an iframe served by Süzgeç (the thread and the form) and keeps its height
 * fitted to the content; the host page's CSS cannot reach inside. With data-title (and
 * data-url, else the page's canonical link or address), the first load creates the
 * article if the site is one of Süzgeç's allowed_origins. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var slug = script.getAttribute("data-article");
  if (!slug) { return; }
  var base = new URL(script.src, document.baseURI).origin;
  var frame = document.createElement("iframe");
  var page = base + "/embed/" + encodeURIComponent(slug);
  // Threads created on first use: the story's title and address go with the first load.
  var title = script.getAttribute("data-title");
  var created = "";
  if (title) {
    var canonical = document.querySelector("link[rel=canonical]");
    var url = script.getAttribute("data-url") ||
      (canonical && canonical.href) || (location.origin + location.pathname);
    created = "baslik=" + encodeURIComponent(title) + "&adres=" + encodeURIComponent(url);
  }
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
    var query = [created, id ? "yorum=" + id : ""].filter(Boolean).join("&");
    return page + (query ? "?" + query : "") + (id ? "#yorum-" + id : "");
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
