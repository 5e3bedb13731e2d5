/* Süzgeç comment counts for article lists. Paste once per page:
 *   <script src="https://suzgec.example/static/count.js" async></script>
 * and put <span data-suzgec-count="SLUG"></span> wherever a count belongs. One request
 * asks for every slug on the page (50 at most per request) and fills each span with
 * "N yorum", or "Yorum yok". The host site must be one of Süzgeç's allowed_origins. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = new URL(script.src, document.baseURI).origin;
  var MAX = 50;

  function label(n) { return n > 0 ? n + " yorum" : "Yorum yok"; }

  function fill() {
    var spans = document.querySelectorAll("[data-suzgec-count]");
    var bySlug = {};
    var slugs = [];
    Array.prototype.forEach.call(spans, function (span) {
      var slug = span.getAttribute("data-suzgec-count");
      if (!slug) { return; }
      if (!bySlug[slug]) { bySlug[slug] = []; slugs.push(slug); }
      bySlug[slug].push(span);
    });
    for (var i = 0; i < slugs.length; i += MAX) {
      var part = slugs.slice(i, i + MAX);
      var query = part.map(function (s) { return "slug=" + encodeURIComponent(s); }).join("&");
      fetch(base + "/api/counts?" + query, { credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (counts) {
          Object.keys(bySlug).forEach(function (slug) {
            if (typeof counts[slug] !== "number") { return; }
            bySlug[slug].forEach(function (span) { span.textContent = label(counts[slug]); });
          });
        })
        .catch(function () { /* counts are a nicety: the page stays as it is */ });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
