// Hands a temporary key to the playground: it reads sessionStorage["refleum.apiKey"]. The
// key stays in this tab only, and replace() keeps this page (with the key) out of history.
(function () {
  "use strict";
  var handoff = document.getElementById("handoff");
  var key = handoff && handoff.getAttribute("data-key");
  if (!key) { return; }
  try {
    sessionStorage.setItem("refleum.apiKey", key);
  } catch (e) {
    return; // storage refused: the page shows the key and a link instead
  }
  location.replace("/playground");
})();
