// Jasper review workspace: keyboard shortcuts and small conveniences. Served from 'self'
// only (the CSP allows nothing inline); everything here also works by plain clicks.
(function () {
  "use strict";
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  function addToBasket(row) {
    const table = row.closest("table");
    const body = new URLSearchParams({ action: "add", listing: row.id.replace("row", "") });
    fetch(table.dataset.basket, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRF-Token": document.body.dataset.csrf, "HX-Request": "true" },
    }).then((answer) => { if (answer.ok) row.classList.add("in-basket"); });
  }

  function queueKeys(table) {
    const rows = () => Array.from(table.querySelectorAll("tbody tr[data-href]"));
    let index = 0;
    const current = () => rows()[index];
    function select(next) {
      const all = rows();
      if (!all.length) return;
      index = Math.max(0, Math.min(all.length - 1, next));
      all.forEach((row, i) => row.classList.toggle("current", i === index));
      all[index].scrollIntoView({ block: "nearest" });
    }
    select(0);
    table.addEventListener("click", (event) => {
      const row = event.target.closest("tr[data-href]");
      if (row) select(rows().indexOf(row));
    });
    document.addEventListener("keydown", (event) => {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const row = current();
      if (event.key === "j") select(index + 1);
      else if (event.key === "k") select(index - 1);
      else if ((event.key === "o" || event.key === "Enter") && row) window.location = row.dataset.href;
      else if (event.key === "x" && row) row.querySelector("input.pick").click();
      else if (event.key === "b" && row) addToBasket(row);
      else if (event.key === "/") { event.preventDefault(); document.getElementById("search").focus(); }
      else if (/^[1-9]$/.test(event.key) && row) {
        const button = row.querySelector('button[data-key="' + event.key + '"]');
        if (button) { button.click(); select(index + 1); }
      } else return;
    });
    const all = document.getElementById("all");
    if (all) all.addEventListener("change", () => {
      table.querySelectorAll("input.pick").forEach((box) => { box.checked = all.checked; });
    });
  }

  function listingKeys() {
    document.addEventListener("keydown", (event) => {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const button = document.querySelector('#review button[data-key="' + event.key + '"]');
      if (button) button.click();
    });
    const zoom = document.getElementById("zoom");
    const frame = document.getElementById("shot-frame");
    const toggle = () => frame.classList.toggle("zoomed");
    if (zoom && frame) { zoom.addEventListener("click", toggle); frame.addEventListener("click", toggle); }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const table = document.getElementById("queue");
    if (table) queueKeys(table);
    if (document.getElementById("review")) listingKeys();
  });
})();
