// Ranking questions: the selects of positions become a list put in order with "Move up" and "Move down"
// buttons (or by dragging). The selects stay in the form, hidden and kept in step with the list, so the
// page sends the same fields as without this script, where the selects are the form.
(function () {
  "use strict";

  function setUp(widget) {
    var list = widget.querySelector(".ranking-list");
    var count = parseInt(widget.dataset.ranking, 10);
    var status = widget.querySelector(".ranking-status");
    var keep = widget.querySelector(".ranking-keep");

    function items() { return Array.prototype.slice.call(list.children); }
    function select(item) { return item.querySelector("select"); }
    function name(item) { return item.querySelector(".ranking-label").textContent; }
    function ranked() { return items().some(function (item) { return select(item).value !== ""; }); }

    // Ranked choices first, by their positions; the others after them, as listed.
    items().map(function (item, index) {
      return { item: item, position: parseInt(select(item).value, 10) || Infinity, index: index };
    }).sort(function (a, b) {
      return a.position - b.position || a.index - b.index;
    }).forEach(function (entry) { list.appendChild(entry.item); });

    items().forEach(function (item) {
      select(item).hidden = true;
      var position = document.createElement("span");
      position.className = "ranking-position";
      item.insertBefore(position, item.firstChild);
      var moves = document.createElement("span");
      moves.className = "ranking-moves";
      [["up", -1], ["down", 1]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button ranking-move";
        button.dataset.step = pair[1];
        button.textContent = widget.dataset[pair[0]];
        var which = document.createElement("span");
        which.className = "visually-hidden";
        which.textContent = ": " + name(item);
        button.appendChild(which);
        moves.appendChild(button);
      });
      item.appendChild(moves);
      item.draggable = true;
    });
    widget.querySelectorAll(".ranking-help").forEach(function (help) { help.hidden = !help.hidden; });
    widget.classList.add("ranking--live");

    // What each item shows: its select's position ("2nd") or "Not ranked"; the ends can't move further.
    function show() {
      var all = items();
      all.forEach(function (item, index) {
        var field = select(item);
        item.querySelector(".ranking-position").textContent =
          field.value ? field.options[field.selectedIndex].textContent : widget.dataset.unranked;
        var buttons = item.querySelectorAll(".ranking-move");
        buttons[0].disabled = index === 0;
        buttons[1].disabled = index === all.length - 1;
      });
      keep.hidden = ranked();
    }

    // The list's order into the selects: the first `count` items get positions 1, 2, ...
    function store() {
      items().forEach(function (item, index) { select(item).value = index < count ? String(index + 1) : ""; });
      show();
      // The survey script saves on change events: the selects change without one of their own.
      select(items()[0]).dispatchEvent(new Event("change", { bubbles: true }));
    }

    function announce(item) {
      var index = items().indexOf(item);
      var text = widget.dataset.moved.replace("%(option)s", name(item))
        .replace("%(position)s", index + 1).replace("%(count)s", items().length);
      status.textContent = index < count ? text : text + " " + widget.dataset.unranked + ".";
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest(".ranking-move");
      if (!button) return;
      var item = button.closest(".ranking-item");
      // The neighbour moves, not the item: the focused button stays where it is in the document.
      if (button.dataset.step === "-1" && item.previousElementSibling) {
        list.insertBefore(item.previousElementSibling, item.nextElementSibling);
      } else if (button.dataset.step === "1" && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      }
      store();
      announce(item);
      var buttons = item.querySelectorAll(".ranking-move");
      (button.disabled ? buttons[button === buttons[0] ? 1 : 0] : button).focus();
    });

    keep.addEventListener("click", function () {
      store();
      status.textContent = widget.dataset.ranked;
      items()[0].querySelectorAll(".ranking-move")[1].focus();
    });

    var dragged = null;
    var before = "";
    function order() { return items().map(function (item) { return item.dataset.choice; }).join(" "); }
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest(".ranking-item");
      if (!dragged) return;
      before = order();
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", name(dragged));
      dragged.classList.add("is-dragged");
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      var over = event.target.closest(".ranking-item");
      if (!over || over === dragged) return;
      var box = over.getBoundingClientRect();
      list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextElementSibling : over);
    });
    list.addEventListener("drop", function (event) { if (dragged) event.preventDefault(); });
    list.addEventListener("dragend", function () {
      if (!dragged) return;
      dragged.classList.remove("is-dragged");
      if (order() !== before) {
        store();
        announce(dragged);
      }
      dragged = null;
    });

    show();
  }

  document.querySelectorAll("[data-ranking]").forEach(setUp);
})();
