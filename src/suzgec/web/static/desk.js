/* The moderator desk: keyboard shortcuts on the moderator pages and "select all on the
   page". j/k move, a approve, r reject, n note, x select, u undo, b sanction the author,
   ? help. Never while typing in a field, never with a modifier key; Enter never decides
   (the forms see to that). In a sanction's reason, Ctrl+Enter applies it. */
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card[data-comment]"));
  var current = -1;
  var help = document.querySelector(".shortcut-help");

  var all = document.querySelector("input.select-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input.select[form=toplu]").forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }

  // The commenter page: b (or arriving with ?yaptirim=ban) picks a ban and puts the
  // cursor in its reason.
  var sanction = document.querySelector("form.sanction-form");
  function banForm() {
    if (!sanction) { return false; }
    var ban = sanction.querySelector("input[name=kind][value=ban]");
    if (ban) { ban.checked = true; }
    sanction.querySelector("textarea[name=reason]").focus();
    return true;
  }
  if (sanction && /[?&]yaptirim=ban(?:&|$)/.test(window.location.search)) { banForm(); }
  if (sanction) {
    sanction.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.name === "reason") {
        e.preventDefault();
        sanction.requestSubmit();
      }
    });
  }

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function focus(index) {
    if (!cards.length) { return; }
    index = Math.max(0, Math.min(cards.length - 1, index));
    if (current >= 0 && cards[current]) { cards[current].classList.remove("current"); }
    current = index;
    var card = cards[current];
    card.classList.add("current");
    card.setAttribute("tabindex", "-1");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function press(name) {
    if (current < 0) { focus(0); }
    var card = cards[current];
    if (!card) { return; }
    var button = card.querySelector("form.decide button[name=status][value=" + name + "]");
    if (button) { button.click(); }
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && typing(e.target)) { e.target.blur(); return; }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    switch (e.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current < 0 ? 0 : current - 1); break;
      case "a": press("approved"); break;
      case "r": press("rejected"); break;
      case "n":
        if (current < 0) { focus(0); }
        if (cards[current]) { cards[current].querySelector("input[name=note]").focus(); }
        break;
      case "x":
        if (current < 0) { focus(0); }
        var box = cards[current] && cards[current].querySelector("input.select");
        if (box) { box.checked = !box.checked; }
        break;
      case "b":
        if (banForm()) { break; }
        if (current < 0) { focus(0); }
        var author = cards[current] && cards[current].querySelector("a.commenter");
        if (author) { window.location.href = author.href + "?yaptirim=ban"; }
        break;
      case "u":
        var undo = document.querySelector("form.undo button[type=submit]");
        if (undo) { undo.click(); }
        break;
      case "?":
        if (help) { help.hidden = !help.hidden; }
        break;
      default: return;
    }
    e.preventDefault();
  });
})();
