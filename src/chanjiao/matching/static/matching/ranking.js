// Rank-order lists: drag (SortableJS) or use the arrows; the form sends the items' order.
// A list <ol data-rank-list="positions"> fills the hidden input of that name with the ids of
// its items (data-id), top first; items whose [data-exclude] box is ticked go to the input
// named by data-exclude-into instead.
(function () {
  function setUp(list) {
    var form = list.closest("form");
    var input = form.querySelector('input[name="' + list.dataset.rankList + '"]');
    var excludeInput = list.dataset.excludeInto
      ? form.querySelector('input[name="' + list.dataset.excludeInto + '"]')
      : null;

    function sync() {
      var kept = [];
      var excluded = [];
      list.querySelectorAll("[data-id]").forEach(function (item) {
        var box = item.querySelector("input[data-exclude]");
        (box && box.checked ? excluded : kept).push(item.dataset.id);
      });
      input.value = kept.join(",");
      if (excludeInput) excludeInput.value = excluded.join(",");
      var number = 0;
      list.querySelectorAll("[data-id]").forEach(function (item) {
        var box = item.querySelector("input[data-exclude]");
        var label = item.querySelector("[data-number]");
        if (label) label.textContent = box && box.checked ? "—" : String(++number);
      });
      var empty = form.querySelector("[data-empty-list]");
      if (empty) empty.hidden = list.querySelector("[data-id]") !== null;
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-move]");
      if (!button) return;
      event.preventDefault();
      var item = button.closest("[data-id]");
      var move = button.dataset.move;
      if (move === "up" && item.previousElementSibling) item.parentNode.insertBefore(item, item.previousElementSibling);
      if (move === "down" && item.nextElementSibling) item.parentNode.insertBefore(item.nextElementSibling, item);
      if (move === "remove") {
        var row = document.querySelector('[data-add-row="' + item.dataset.id + '"]');
        if (row) row.hidden = false;
        item.remove();
      }
      sync();
    });
    list.addEventListener("change", sync);

    document.querySelectorAll("button[data-add]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var template = document.getElementById("rank-item-template");
        var item = template.content.firstElementChild.cloneNode(true);
        item.dataset.id = button.dataset.add;
        item.querySelector("[data-label]").textContent = button.dataset.label;
        list.appendChild(item);
        button.closest("[data-add-row]").hidden = true;
        sync();
      });
    });

    var filter = document.querySelector("[data-filter-rows]");
    if (filter) {
      filter.addEventListener("input", function () {
        var text = filter.value.trim().toLowerCase();
        document.querySelectorAll("[data-add-row]").forEach(function (row) {
          row.style.display = !text || row.textContent.toLowerCase().indexOf(text) >= 0 ? "" : "none";
        });
      });
    }

    if (window.Sortable && !list.hasAttribute("data-locked")) {
      window.Sortable.create(list, { animation: 150, handle: "[data-handle]", onSort: sync });
    }
    sync();
  }

  document.querySelectorAll("[data-rank-list]").forEach(setUp);
})();
