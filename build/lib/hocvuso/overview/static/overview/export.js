/* The export page asks for its progress every second and swaps the fragment in,
   until the job has finished (the same fragment the page was rendered with). */
(function () {
  "use strict";
  function poll() {
    var box = document.getElementById("export-progress");
    if (!box || box.dataset.finished === "1") return;
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        box.outerHTML = html;
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
