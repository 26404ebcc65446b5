// A search box and a checkbox that hide the rows of a long table (city/officer_accounts.html).
// The rows carry their text in data-search; accents are ignored, so "muong phang" finds
// "Mường Phăng". Without JavaScript every row shows, and the page works the same.
"use strict";

(() => {
  const fold = (text) =>
    text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");

  for (const box of document.querySelectorAll("[data-filter-rows]")) {
    const table = document.getElementById(box.dataset.filterRows);
    const missing = document.querySelector(`[data-filter-missing="${box.dataset.filterRows}"]`);
    const count = document.querySelector(`[data-filter-count="${box.dataset.filterRows}"]`);
    const apply = () => {
      const words = fold(box.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of table.tBodies[0].rows) {
        const text = fold(row.dataset.search || "");
        const hide =
          !words.every((word) => text.includes(word)) ||
          (missing && missing.checked && row.dataset.hasOfficer === "1");
        // A row with something typed in it stays, so nothing typed is hidden from its author.
        const typed = [...row.querySelectorAll("input[type=text], input[type=tel], input[type=email]")]
          .some((input) => input.value.trim());
        row.hidden = hide && !typed;
        if (!row.hidden) shown += 1;
      }
      if (count) count.textContent = shown.toLocaleString("vi-VN");
    };
    box.addEventListener("input", apply);
    if (missing) missing.addEventListener("change", apply);
    apply();
  }
})();
