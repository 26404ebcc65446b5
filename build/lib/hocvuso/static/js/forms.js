// The − and + buttons of the number steppers (templates/forms/stepper.html).
"use strict";

document.addEventListener("click", (event) => {
  const step = event.target.closest("[data-step][aria-controls]");
  if (!step) return;
  const input = document.getElementById(step.getAttribute("aria-controls"));
  const low = Number(input.min || 0);
  const high = Number(input.max || Number.MAX_SAFE_INTEGER);
  const value = (Number.parseInt(input.value, 10) || 0) + Number(step.dataset.step);
  input.value = Math.min(high, Math.max(low, value));
  input.dispatchEvent(new Event("change", { bubbles: true }));
});
