// Logging out forgets what this phone keeps for the member: the queue of visits not yet sent
// (IndexedDB "hocvuso-<user>", written by support/log.js), as the service worker forgets the
// kept logging page. Those visits name no citizen, but the phone may be shared; and they are
// the member's work, lost once the queue is gone: when some are left, the member is asked
// first, and may stay signed in until there is a signal to send them.
"use strict";

(() => {
  const count = (name) =>
    new Promise((resolve) => {
      const request = indexedDB.open(name);
      request.onerror = () => resolve(0);
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("visits")) {
          db.close();
          resolve(0);
          return;
        }
        const counting = db.transaction("visits").objectStore("visits").count();
        counting.onsuccess = () => resolve(counting.result);
        counting.onerror = () => resolve(0);
        counting.transaction.oncomplete = () => db.close();
      };
    });

  const forget = (name) =>
    new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = () => resolve();
    });

  for (const form of document.querySelectorAll("form[data-queue]")) {
    form.addEventListener("submit", async (event) => {
      if (!window.indexedDB) return;
      event.preventDefault();
      const name = form.dataset.queue;
      const left = await count(name);
      if (
        left &&
        !window.confirm(
          `Còn ${left} lượt hỗ trợ chưa gửi được lên máy chủ. Đăng xuất bây giờ sẽ xóa các lượt này ` +
            "khỏi điện thoại. Hãy chờ có sóng để gửi xong rồi đăng xuất.\n\nVẫn đăng xuất và xóa?",
        )
      ) {
        return;
      }
      await forget(name);
      form.submit();
    });
  }
})();
