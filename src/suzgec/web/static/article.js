/* Article page: the photo zooms on click (Escape closes it); the share link copies the address. */
(function () {
  "use strict";
  document.querySelectorAll("img.zoomable").forEach(function (img) {
    function toggle() { img.classList.toggle("zoomed"); }
    img.addEventListener("click", toggle);
    img.addEventListener("keydown", function (e) { if (e.key === "Enter") { toggle(); } });
  });
  // On the document, not the photo: the zoomed photo covers the page, so Escape must
  // close it wherever the focus is.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    document.querySelectorAll("img.zoomable.zoomed").forEach(function (img) {
      img.classList.remove("zoomed");
    });
  });
  document.querySelectorAll("a[data-share]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var status = link.parentNode.querySelector(".share-status");
      if (navigator.share) {
        event.preventDefault();
        navigator.share({ title: document.title, url: link.href }).catch(function () {});
      } else if (navigator.clipboard) {
        event.preventDefault();
        navigator.clipboard.writeText(link.href).then(function () {
          status.textContent = "Bağlantı kopyalandı.";
        });
      }
    });
  });
})();
