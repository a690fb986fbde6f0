// "Copy" buttons: <button data-copy="ID" hidden> copies the value of element ID.
// Hidden until this script runs, so without JavaScript the field is simply selectable.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector('[data-copy-status="' + button.getAttribute("data-copy") + '"]');
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.value !== undefined ? target.value : target.textContent;
      var done = function (message) { if (status) { status.textContent = message; } };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { done("Copied."); },
          function () { target.select(); done("Press Ctrl+C (⌘C) to copy."); }
        );
      } else {
        target.select();
        done(document.execCommand && document.execCommand("copy") ? "Copied." : "Press Ctrl+C (⌘C) to copy.");
      }
    });
  });
})();
