// The organiser console's one script, served as /console/assets/console.js (the CSP allows no
// inline script). Every page works without it; it only refreshes a page whose <main> asks for it
// (data-refresh="10": the overview) in place, keeping the scroll position.
(function () {
  "use strict";
  var main = document.querySelector("main[data-refresh]");
  if (!main) return;
  var seconds = Number(main.getAttribute("data-refresh")) || 10;
  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok || response.redirected) return null;
        return response.text();
      })
      .then(function (text) {
        if (!text) return;
        var fresh = new DOMParser().parseFromString(text, "text/html").querySelector("main[data-refresh]");
        // Unchanged, the page stays as it is: a button replaced under the pointer loses its click
        // (the Plenary page refreshes every 2 s while the chair presses its switches).
        if (!fresh || fresh.innerHTML === main.innerHTML) return;
        var x = window.scrollX, y = window.scrollY;
        main.innerHTML = fresh.innerHTML;
        window.scrollTo(x, y);
      })
      .catch(function () {})
      .then(function () { window.setTimeout(refresh, seconds * 1000); });
  }
  window.setTimeout(refresh, seconds * 1000);
})();
