"""Logging out forgets the phone's queue of unsent visits, after asking when some are left."""

import pytest

from hocvuso.testing import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

QUEUE_SIZE = """async (name) => new Promise((resolve) => {
  const request = indexedDB.open(name);
  request.onsuccess = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains("visits")) { db.close(); resolve(-1); return; }
    const counting = db.transaction("visits").objectStore("visits").count();
    counting.onsuccess = () => { db.close(); resolve(counting.result); };
  };
})"""

QUEUE_A_VISIT = """async (name) => new Promise((resolve) => {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => request.result.createObjectStore("visits", { keyPath: "client_key" });
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction("visits", "readwrite");
    tx.objectStore("visits").put({ client_key: "k1", payload: {}, status: "failed", error: "", created: 1 });
    tx.oncomplete = () => { db.close(); resolve(); };
  };
})"""


def log_out(page):
    if page.locator(".nav-menu").get_attribute("open") is None:
        page.get_by_text("Menu", exact=True).click()
    page.locator(".nav-menu").get_by_role("button", name="Đăng xuất").click()


def test_logging_out_asks_before_forgetting_unsent_visits(phone, live_server, world):
    page = phone
    log_in(page, live_server, world.member)
    name = f"hocvuso-{world.member.pk}"
    page.evaluate(QUEUE_A_VISIT, name)
    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    log_out(page)
    page.wait_for_timeout(500)
    assert "Còn 1 lượt hỗ trợ chưa gửi" in asked[0]
    assert page.url.endswith("/ghi/")
    assert page.evaluate(QUEUE_SIZE, name) == 1

    page.once("dialog", lambda dialog: dialog.accept())
    log_out(page)
    page.wait_for_url("**/dang-nhap/**")
    names = [db["name"] for db in page.evaluate("indexedDB.databases()")]
    assert name not in names
