// "Copy" buttons: <button data-copy="ELEMENT-ID"> copies that element's text. Without the
// clipboard API (or permission) the text is selected instead, ready for Ctrl/Cmd+C.
(function () {
  "use strict";
  function say(id, text) {
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (status) { status.textContent = text; }
  }
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function fallback(id, element) {
    select(element);
    say(id, "Selected: press Ctrl+C (Cmd+C on a Mac) to copy.");
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-copy");
      var element = document.getElementById(id);
      if (!element) { return; }
      var text = element.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say(id, "Copied."); },
          function () { fallback(id, element); }
        );
      } else {
        fallback(id, element);
      }
    });
  });
})();
