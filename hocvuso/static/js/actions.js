// Small behaviours declared in the markup. The Content-Security-Policy forbids inline
// handlers (onclick="…"), so they live here:
//   <form data-confirm="Xóa?">       asks before sending;
//   <button data-print>              prints the page;
//   <input data-select-on-click>     selects its text when tapped (a link to copy).
"use strict";

document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-print], [data-select-on-click]");
  if (!target) return;
  if (target.hasAttribute("data-print")) window.print();
  else target.select();
});
