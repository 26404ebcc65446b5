/* A part of a page that follows a background job: the element with data-poll-url is
   fetched again every second and replaced by the answer (the same fragment the page was
   rendered with), until its data-finished is "1". */
(function () {
  "use strict";
  function poll() {
    var box = document.querySelector("[data-poll-url]");
    if (!box || box.dataset.finished === "1") return;
    fetch(box.dataset.pollUrl, { credentials: "same-origin" })
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
