// The request form: show the fields of the chosen kind of period, and the
// period itself ("Kỳ báo cáo: 15/03/2026 – 14/06/2026") as the officer types,
// computed by the server so that the rule lives in one place (core/periods.py).
"use strict";

(() => {
  const form = document.getElementById("request-form");
  if (!form) return;
  const kind = form.elements.period_kind;
  const names = ["period_kind", "year", "month", "quarter", "period_start", "period_end"];

  function showFieldsOfKind() {
    for (const part of form.querySelectorAll("[data-for-kinds]")) {
      part.hidden = !part.dataset.forKinds.split(" ").includes(kind.value);
    }
  }

  let latest = 0;
  async function refreshPreview() {
    const query = new URLSearchParams();
    for (const name of names) query.set(name, form.elements[name].value);
    const asked = ++latest;
    try {
      const response = await fetch(`${form.dataset.previewUrl}?${query}`, {
        headers: { Accept: "text/html" },
      });
      if (!response.ok || asked !== latest) return;
      document.getElementById("period-preview").outerHTML = await response.text();
    } catch {
      // Without a connection the button "Xem kỳ báo cáo" still works.
    }
  }

  form.addEventListener("change", (event) => {
    const name = event.target.name;
    if (name === "period_kind") showFieldsOfKind();
    if (names.includes(name)) refreshPreview();
    // Ticking a commune means the request goes to the ticked ones only.
    if (name === "communes" && event.target.checked) form.elements.to_all.value = "0";
  });
  form.addEventListener("input", (event) => {
    if (event.target.name === "year") refreshPreview();
  });
  // With the script the preview updates by itself; the button is for pages without it.
  document.getElementById("show-period").hidden = true;
  showFieldsOfKind();
})();
