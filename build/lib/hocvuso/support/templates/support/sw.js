// The service worker of the logging page: it keeps the page and its assets so
// that /ghi/ opens in a village without a signal. Visits themselves wait in
// the page's IndexedDB queue, not here. Served from the site root by
// support.views.service_worker, so that its scope covers the whole site (it
// must see the logout, to forget the member's page).
"use strict";

const CACHE = "hocvuso-ghi-{{ version }}";
const PAGE = "{% url 'support:log' %}";
const LOGOUT = "{% url 'logout' %}";
const ASSETS = [{% for asset in assets %}"{{ asset }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
// A weak signal should not keep the member waiting: after this, the kept page is shown.
const NETWORK_WAIT_MS = 4000;

async function keepPage(cache, response) {
  // Only the member's own page, never a redirect to the login page.
  if (response.ok && !response.redirected && response.type === "basic") {
    await cache.put(PAGE, response);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS);
      try {
        await keepPage(cache, await fetch(PAGE, { credentials: "same-origin" }));
      } catch {
        // Offline while installing: the page is kept on its next visit.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("hocvuso-ghi-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

// The page: from the network when it answers, so the member sees today's
// list as the server has it; from the cache when it does not.
async function page(request) {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(request);
  try {
    const response = await withTimeout(fromNetwork, NETWORK_WAIT_MS);
    await keepPage(cache, response.clone());
    return response;
  } catch {
    const kept = await cache.match(PAGE, { ignoreSearch: true, ignoreVary: true });
    if (kept) {
      // The slow answer, if it comes, still refreshes the kept page.
      fromNetwork.then((late) => keepPage(cache, late)).catch(() => {});
      return kept;
    }
    return fromNetwork;
  }
}

// The assets: at once from the cache, and refreshed behind.
async function asset(event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(event.request, { ignoreVary: true });
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok) await cache.put(event.request, response.clone());
    return response;
  });
  if (kept) {
    event.waitUntil(fresh.catch(() => {}));
    return kept;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === LOGOUT) {
    // The next person on this phone must not see this member's page.
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && url.pathname === PAGE) {
    event.respondWith(page(request));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(asset(event));
  }
});
