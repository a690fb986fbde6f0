// "Copy" buttons: <button data-copy="ID"> copies the text (or, for a form field, the value)
// of element ID. A button marked `hidden` stays hidden until this script runs, so without
// JavaScript the page shows no dead button and the text is simply selectable. Without the
// clipboard API (or its permission) the text is selected instead, ready for Ctrl/Cmd+C.
(function () {
  "use strict";
  function select(target) {
    if (typeof target.select === "function") { target.select(); return; }
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var id = button.getAttribute("data-copy");
    var target = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!target) { return; }
    button.hidden = false;
    function say(message) { if (status) { status.textContent = message; } }
    function fallback() { select(target); say("Selected: press Ctrl+C (Cmd+C on a Mac) to copy."); }
    button.addEventListener("click", function () {
      var text = target.value !== undefined ? target.value : target.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say("Copied."); }, fallback);
      } else {
        fallback();
      }
    });
  });
})();
