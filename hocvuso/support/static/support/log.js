// The phone page that logs support visits (/ghi/).
//
// Every new visit goes first into this browser's IndexedDB, with a key made
// here at the moment the member taps "Lưu", and is sent from there to the API.
// So a visit logged without a signal waits on the phone, survives a closed tab,
// and a resend never creates a second record: the server knows the key.
// Corrections and deletions of visits already saved need the network.
"use strict";

(() => {
  const form = document.getElementById("visit-form");
  if (!form) return;

  const $ = (id) => document.getElementById(id);
  const urls = form.dataset;
  const FLUSH_EVERY_MS = 20000;
  const SEND_TIMEOUT_MS = 15000;
  let editing = null; // {kind: "server", pk} or {kind: "queued", key}

  // --- The queue: one IndexedDB database per user, so a shared phone never
  // sends one member's visits under another member's session.

  const dbReady = new Promise((resolve, reject) => {
    const request = indexedDB.open(`hocvuso-${urls.user}`, 1);
    request.onupgradeneeded = () => request.result.createObjectStore("visits", { keyPath: "client_key" });
    request.onsuccess = () => {
      // Let the logout (js/logout.js) delete the queue without waiting for this page to close.
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(request.error);
  });

  async function inStore(mode, action) {
    const db = await dbReady;
    return new Promise((resolve, reject) => {
      const transaction = db.transaction("visits", mode);
      const request = action(transaction.objectStore("visits"));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  }

  const queue = {
    all: async () => (await inStore("readonly", (s) => s.getAll())).sort((a, b) => a.created - b.created),
    get: (key) => inStore("readonly", (s) => s.get(key)),
    put: (item) => inStore("readwrite", (s) => s.put(item)),
    remove: (key) => inStore("readwrite", (s) => s.delete(key)),
  };

  // --- Small helpers.

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  const pad = (n) => String(n).padStart(2, "0");

  // 2026-03-02T09:00:00+07:00: the phone's own time, with its offset.
  function isoWithOffset(d) {
    const offset = -d.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const abs = Math.abs(offset);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  const localInput = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const clock = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

  // Read from the cookie rather than the page, which the service worker may have kept from
  // before the last sign-in. Over HTTPS the cookie is named __Host-csrftoken (settings.py).
  function csrfToken() {
    const cookie = document.cookie.split("; ").find((c) => /^(__Host-)?csrftoken=/.test(c));
    return cookie ? decodeURIComponent(cookie.split("=")[1]) : "";
  }

  function say(text, kind = "") {
    const status = $("status");
    status.textContent = text;
    status.className = `status ${kind}`;
  }

  // The API answers {"detail": "...", "errors": {field: message}}, in Vietnamese.
  function explain(body, status) {
    const messages = Object.values((body && body.errors) || {});
    if (messages.length) return messages.join(" ");
    return (body && body.detail) || `Máy chủ trả lời lỗi ${status}.`;
  }

  const toggles = () => [...form.querySelectorAll(".toggle[data-code]")];
  const serviceName = (code) => {
    const button = form.querySelector(`.toggle[data-code="${CSS.escape(code)}"]`);
    return button ? button.textContent.trim() : code;
  };

  // --- The form.

  function readForm() {
    const data = new FormData(form);
    const when = data.get("occurred_at");
    return {
      services: toggles().filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.code),
      people: Number.parseInt(data.get("people"), 10),
      gender: data.get("gender") || "unknown",
      age_band: data.get("age_band") || "unknown",
      outcome: data.get("outcome") || "done",
      place: data.get("place"),
      village: data.get("village") || null,
      elderly: data.get("elderly") === "on",
      disability: data.get("disability") === "on",
      note: (data.get("note") || "").trim(),
      occurred_at: when ? isoWithOffset(new Date(when)) : null,
    };
  }

  function problemWith(values) {
    if (!values.services.length) return "Hãy chọn ít nhất một dịch vụ đã hỗ trợ.";
    if (!(values.people >= 1 && values.people <= 1000)) return "Số người phải từ 1 đến 1000.";
    if (values.occurred_at && new Date(values.occurred_at) > new Date(Date.now() + 600000)) {
      return "Thời gian hỗ trợ không được ở tương lai.";
    }
    return "";
  }

  function choose(name, value) {
    const radio = form.querySelector(`input[name="${name}"][value="${CSS.escape(value || "")}"]`);
    if (radio) radio.checked = true;
  }

  function fillForm(values) {
    const chosen = new Set(values.services);
    for (const b of toggles()) b.setAttribute("aria-pressed", String(chosen.has(b.dataset.code)));
    form.elements.people.value = values.people;
    choose("gender", values.gender);
    choose("age_band", values.age_band);
    choose("outcome", values.outcome);
    form.elements.place.value = values.place;
    if (form.elements.village) form.elements.village.value = values.village || "";
    form.elements.elderly.checked = !!values.elderly;
    form.elements.disability.checked = !!values.disability;
    form.elements.note.value = values.note || "";
    form.elements.occurred_at.value = values.occurredLocal || (values.occurred_at ? localInput(new Date(values.occurred_at)) : "");
    showPlace();
  }

  // After a save the form is ready for the next citizen; the place stays, as
  // the member is most likely still there.
  function resetForm() {
    for (const b of toggles()) b.setAttribute("aria-pressed", "false");
    form.elements.people.value = 1;
    for (const radio of form.querySelectorAll("input[type=radio][data-default]")) {
      radio.checked = radio.value === radio.dataset.default;
    }
    form.elements.elderly.checked = false;
    form.elements.disability.checked = false;
    form.elements.note.value = "";
    form.elements.occurred_at.value = "";
  }

  function showPlace() {
    const select = form.elements.place;
    $("place-now").textContent = select.options[select.selectedIndex].text;
  }

  function startEditing(mode, values, when) {
    editing = mode;
    fillForm(values);
    $("save").textContent = "Lưu thay đổi";
    $("cancel-edit").hidden = false;
    say(`Đang sửa lượt lúc ${when}. Sửa xong, bấm “Lưu thay đổi”.`);
    window.scrollTo({ top: 0 });
  }

  function stopEditing() {
    editing = null;
    $("save").textContent = "Lưu";
    $("cancel-edit").hidden = true;
  }

  form.addEventListener("click", (event) => {
    const toggle = event.target.closest(".toggle[data-code]");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(toggle.getAttribute("aria-pressed") !== "true"));
    }
  });
  form.elements.place.addEventListener("change", showPlace);
  $("cancel-edit").addEventListener("click", () => {
    stopEditing();
    resetForm();
    say("Đã hủy sửa.");
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = readForm();
    const problem = problemWith(values);
    if (problem) return say(problem, "error");
    if (editing && editing.kind === "server") return saveChange(editing.pk, values);

    // The key is made now, once: every later send of this visit carries it.
    const key = editing && editing.kind === "queued" ? editing.key : newKey();
    const payload = { ...values, client_key: key, occurred_at: values.occurred_at || isoWithOffset(new Date()) };
    await queue.put({ client_key: key, payload, status: "pending", error: "", created: Date.now() });
    stopEditing();
    resetForm();
    say(navigator.onLine ? "Đang gửi…" : "Đã lưu trên máy. Sẽ gửi khi có mạng.");
    await showQueue();
    await flush();
    const left = await queue.get(key);
    if ((await pendingCount()) === 0) delivered = 0;
    if (!left) say("Đã lưu.", "ok");
    else if (left.status === "failed") say(`Chưa lưu được: ${left.error}`, "error");
    else say("Đã lưu trên máy. Sẽ gửi khi có mạng.");
  });

  // --- Sending the queue.

  let running = null;
  let again = false;

  async function signedIn() {
    try {
      return (await fetch(urls.me, { credentials: "same-origin" })).ok;
    } catch {
      return false;
    }
  }

  async function send(payload) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
    try {
      return await fetch(urls.api, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(payload),
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function flushOnce() {
    let sent = 0;
    // The phone knows it has no signal: trying would only wait for a timeout (navigator.onLine
    // is false only when there is surely no network; true may still mean a dead signal).
    if (!navigator.onLine) return sent;
    for (const item of await queue.all()) {
      if (item.status !== "pending") continue;
      let response;
      try {
        response = await send(item.payload);
      } catch {
        break; // No connection: everything stays for the next try.
      }
      if (response.ok) {
        // Only a 200 or 201 removes a visit from the phone.
        await queue.remove(item.client_key);
        sent += 1;
        $("auth-problem").hidden = true;
        continue;
      }
      if (response.status === 401 || (response.status === 403 && !(await signedIn()))) {
        $("auth-problem").hidden = false;
        break;
      }
      if (response.status === 403) {
        // Signed in but refused: the visit stays waiting, with the reason, and
        // the ones after it are still sent.
        const body = await response.json().catch(() => ({}));
        await queue.put({ ...item, error: explain(body, response.status) });
        continue;
      }
      if (response.status >= 400 && response.status < 500) {
        // The server refused this visit; keep it so the member can fix or drop it.
        const body = await response.json().catch(() => ({}));
        await queue.put({ ...item, status: "failed", error: explain(body, response.status) });
        continue;
      }
      break; // A server error: try again later.
    }
    if (sent) await refreshToday();
    return sent;
  }

  // One sending at a time; a call during a sending makes it run once more.
  // It gives how many visits that sending delivered.
  function flush() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let sent = 0;
      try {
        do {
          again = false;
          sent += await flushOnce();
        } while (again);
      } finally {
        running = null;
        await showQueue();
      }
      return sent;
    })();
    return running;
  }

  // After visits waited on the phone (no signal, a closed tab), say how many went
  // once the last of them is sent, however many tries that took.
  let delivered = 0;
  const pendingCount = async () => (await queue.all()).filter((i) => i.status === "pending").length;

  async function resend() {
    if (running) return flush(); // someone else's sending (a "Lưu") speaks for itself
    delivered += await flush();
    if (delivered && (await pendingCount()) === 0) {
      say(`Đã gửi ${delivered} lượt đang chờ.`, "ok");
      delivered = 0;
    }
  }

  // --- What the member sees of the queue.

  function button(text, label, data) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    Object.assign(b.dataset, data);
    return b;
  }

  function queueItem(item) {
    const when = clock(new Date(item.payload.occurred_at));
    const li = document.createElement("li");
    const what = document.createElement("p");
    what.className = "what";
    const time = document.createElement("b");
    time.textContent = when;
    what.append(time, ` · ${item.payload.services.map(serviceName).join(", ")}`);
    const detail = document.createElement("p");
    detail.className = item.error ? "detail error" : "detail";
    const state = item.status === "failed" ? `Không gửi được: ${item.error}` : ["Đang chờ gửi", item.error].filter(Boolean).join(" · ");
    detail.textContent = `${item.payload.people} người · ${state}`;
    const actions = document.createElement("div");
    actions.className = "item-actions";
    if (item.status === "failed") actions.append(button("Sửa", `Sửa lượt chưa gửi lúc ${when}`, { queueEdit: item.client_key }));
    const drop = button("Xóa", `Xóa lượt chưa gửi lúc ${when}`, { queueDelete: item.client_key });
    drop.classList.add("danger");
    actions.append(drop);
    li.append(what, detail, actions);
    return li;
  }

  async function showQueue() {
    const items = await queue.all();
    $("waiting-count").textContent = items.filter((i) => i.status === "pending").length;
    $("queue").hidden = items.length === 0;
    $("queue-list").replaceChildren(...items.map(queueItem));
  }

  // --- The "Hôm nay" list and count, rendered by the server.

  async function refreshToday(html) {
    if (html === undefined) {
      try {
        const response = await fetch(urls.today, { credentials: "same-origin" });
        if (!response.ok || response.redirected) return;
        html = await response.text();
      } catch {
        return;
      }
    }
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const fresh = template.content.firstElementChild;
    $("today").replaceWith(fresh);
    $("today-visits").textContent = fresh.dataset.visits;
    $("today-people").textContent = fresh.dataset.people;
  }

  function formBody(values) {
    const body = new FormData();
    for (const code of values.services) body.append("services", code);
    for (const name of ["people", "gender", "age_band", "outcome", "place", "note"]) body.append(name, values[name]);
    if (values.village) body.append("village", values.village);
    if (values.elderly) body.append("elderly", "on");
    if (values.disability) body.append("disability", "on");
    if (values.occurred_at) body.append("occurred_at", values.occurred_at);
    return body;
  }

  async function post(url, body) {
    return fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Fragment": "1" },
    });
  }

  // A saved visit is corrected on the server, which keeps the audit trail.
  async function saveChange(pk, values) {
    let response;
    try {
      response = await post(urls.change.replace("/0/", `/${pk}/`), formBody(values));
    } catch {
      return say("Cần có mạng để sửa lượt đã gửi.", "error");
    }
    if (response.redirected) return say("Phiên đăng nhập đã hết. Hãy đăng nhập lại.", "error");
    if (!response.ok) return say(explain(await response.json().catch(() => ({})), response.status), "error");
    await refreshToday(await response.text());
    stopEditing();
    resetForm();
    say("Đã lưu thay đổi.", "ok");
  }

  document.addEventListener("click", async (event) => {
    const edit = event.target.closest("[data-edit]");
    if (edit) {
      const d = edit.closest("li[data-pk]").dataset;
      const values = {
        services: d.services.trim().split(/\s+/).filter(Boolean),
        people: d.people,
        gender: d.gender,
        age_band: d.ageBand,
        outcome: d.outcome,
        place: d.place,
        village: d.village,
        elderly: d.elderly === "1",
        disability: d.disability === "1",
        note: d.note,
        occurredLocal: d.occurredAt,
      };
      return startEditing({ kind: "server", pk: d.pk }, values, d.occurredAt.slice(11));
    }
    const fix = event.target.closest("[data-queue-edit]");
    if (fix) {
      const item = await queue.get(fix.dataset.queueEdit);
      if (item) startEditing({ kind: "queued", key: item.client_key }, item.payload, clock(new Date(item.payload.occurred_at)));
      return;
    }
    const drop = event.target.closest("[data-queue-delete]");
    if (drop && window.confirm("Bỏ lượt hỗ trợ chưa gửi này?")) {
      await queue.remove(drop.dataset.queueDelete);
      if (editing && editing.key === drop.dataset.queueDelete) {
        stopEditing();
        resetForm();
      }
      await showQueue();
      say("Đã bỏ lượt chưa gửi.");
    }
  });

  document.addEventListener("submit", async (event) => {
    const deletion = event.target.closest("form[data-delete]");
    if (!deletion) return;
    event.preventDefault();
    if (!window.confirm("Xóa lượt hỗ trợ này?")) return;
    let response;
    try {
      response = await post(deletion.action, new FormData(deletion));
    } catch {
      return say("Cần có mạng để xóa lượt đã gửi.", "error");
    }
    if (response.redirected) return say("Phiên đăng nhập đã hết. Hãy đăng nhập lại.", "error");
    if (!response.ok) return say(explain(await response.json().catch(() => ({})), response.status), "error");
    if (editing && editing.kind === "server" && deletion.action.includes(`/${editing.pk}/`)) {
      stopEditing();
      resetForm();
    }
    await refreshToday(await response.text());
    say("Đã xóa lượt hỗ trợ.", "ok");
  });

  // --- When to send: now, when the signal returns, when the page is shown
  // again, and every little while in case the browser missed the signal.

  function showConnection() {
    $("offline").hidden = navigator.onLine;
  }

  window.addEventListener("online", () => {
    showConnection();
    resend().then(() => refreshToday());
  });
  window.addEventListener("offline", showConnection);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") resend();
  });
  setInterval(resend, FLUSH_EVERY_MS);

  if ("serviceWorker" in navigator && urls.worker) {
    navigator.serviceWorker.register(urls.worker, { scope: "/" }).catch(() => {});
  }
  showPlace();
  showConnection();
  showQueue().then(resend);
})();
