// Survey pages: exclusive options, follow-up questions, autosave, and a backup in this browser.
// Everything works without it; it only saves typing and makes the page follow the answers.
(function () {
  "use strict";
  var form = document.querySelector("[data-survey-form]");
  if (!form) return;
  var backupKey = "survey-backup:" + form.dataset.response + ":" + location.pathname;
  var backupSwitch = document.getElementById("survey-backup");

  function values() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(data) {
    form.querySelectorAll("input, select, textarea").forEach(function (field) {
      var saved = data[field.name];
      if (!saved || field.type === "hidden") return;
      if (field.type === "checkbox" || field.type === "radio") field.checked = saved.indexOf(field.value) !== -1;
      else field.value = saved[0];
    });
  }

  // Exclusive options ("None of the above"): picking one clears and disables the others.
  function applyExclusive(group) {
    var boxes = form.querySelectorAll('input[type=checkbox][name="' + group + '"]');
    var exclusive = Array.prototype.some.call(boxes, function (box) { return box.checked && box.hasAttribute("data-exclusive"); });
    boxes.forEach(function (box) {
      if (box.hasAttribute("data-exclusive")) return;
      if (exclusive) box.checked = false;
      box.disabled = exclusive;
    });
  }

  // Follow-up questions show only when the earlier answer on this page asks for them (the server
  // already left out those that depend on other pages).
  function holds(condition, data) {
    if (condition.all) return condition.all.every(function (part) { return holds(part, data); });
    if (condition.any) return condition.any.some(function (part) { return holds(part, data); });
    if (!form.querySelector('[name="' + condition.question + '"]')) return true;
    return (data[condition.question] || []).some(function (value) { return condition.in.indexOf(value) !== -1; });
  }

  function applyConditions() {
    var data = values();
    form.querySelectorAll("[data-condition]").forEach(function (question) {
      question.hidden = !holds(JSON.parse(question.dataset.condition), data);
    });
  }

  var timer = null;
  var status = document.getElementById("survey-save-status");
  function autosave() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var body = new FormData(form);
      body.set("go", "autosave");
      fetch(location.href, { method: "POST", body: body, credentials: "same-origin",
                             headers: { "X-Requested-With": "autosave" } })
        .then(function (reply) {
          if (!reply.ok) throw new Error(reply.status);
          localStorage.removeItem(backupKey);  // the server has it now
          if (status) status.textContent = status.dataset.saved;
        })
        .catch(function () { if (status) status.textContent = status.dataset.failed; });
    }, 800);
  }

  function backup() {
    // The switch is shared by every tab: it lives in localStorage, not only in this page's box.
    if (localStorage.getItem("survey-backup-off") === "1") return;
    try { localStorage.setItem(backupKey, JSON.stringify(values())); } catch (error) { /* storage full or off */ }
  }

  var stored = localStorage.getItem(backupKey);
  if (stored) restore(JSON.parse(stored));  // typed here after the server's last confirmation
  if (backupSwitch) {
    backupSwitch.checked = localStorage.getItem("survey-backup-off") !== "1";
    backupSwitch.addEventListener("change", function () {
      if (backupSwitch.checked) { localStorage.removeItem("survey-backup-off"); backup(); }
      else { localStorage.setItem("survey-backup-off", "1"); localStorage.removeItem(backupKey); }
    });
  }

  form.querySelectorAll("input[data-exclusive]").forEach(function (box) { applyExclusive(box.name); });
  applyConditions();
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") applyExclusive(event.target.name);
    applyConditions();
    backup();
    autosave();
  });
  form.addEventListener("input", function () { backup(); autosave(); });
  form.addEventListener("submit", function () { localStorage.removeItem(backupKey); });
})();
