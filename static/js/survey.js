// Survey pages: exclusive options, follow-up questions and the page's other logic, the text of "Other",
// autosave, a backup in this browser, and links of the error summary that take the focus to the field. Everything works without it;
// it only saves typing and makes the page follow the answers.
(function () {
  "use strict";
  // The receipt: the server holds the submitted answers, so no backup of them stays in this browser.
  var submitted = document.querySelector("[data-survey-submitted]");
  if (submitted) {
    var prefix = "survey-backup:" + submitted.dataset.surveySubmitted + ":";
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf(prefix) === 0) localStorage.removeItem(key);
    });
  }

  var form = document.querySelector("[data-survey-form]");
  if (!form) return;
  // An item of a repeated section has a backup of its own: its fields have the same names as the others'.
  var backupKey = "survey-backup:" + form.dataset.response + ":" + location.pathname +
    (form.dataset.item ? "#item-" + form.dataset.item : "");
  var backupSwitch = document.getElementById("survey-backup");

  function values() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || value instanceof File) return;  // a file is never kept here
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(data) {
    form.querySelectorAll("input, select, textarea").forEach(function (field) {
      var saved = data[field.name];
      if (!saved || field.type === "hidden" || field.type === "file") return;
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

  // The page follows the answers as the server would decide (static/js/logic.js): follow-up questions,
  // "(required)" of a question required only when a condition holds, choices offered by condition,
  // calculated values and earlier answers shown in texts. Answers to other pages' questions that these
  // read come with the page.
  var logic = window.SurveyLogic;
  var knownElement = document.getElementById("survey-answers");
  var known = knownElement ? JSON.parse(knownElement.textContent) : {};

  // The page's answers as the server keeps them: a list for checkboxes, else the text.
  function answersNow() {
    var answers = Object.assign({}, known);
    var data = values();
    form.querySelectorAll("input, select, textarea").forEach(function (field) {
      if (!field.name || field.type === "hidden" || field.type === "file" || field.type === "submit") return;
      var given = data[field.name] || [];
      answers[field.name] = field.type === "checkbox" ? given : (given[0] || "");
    });
    return answers;
  }

  function condition(element, key) { return JSON.parse(element.getAttribute(key)); }

  function inWords(name) {
    var fields = form.querySelectorAll('[name="' + name + '"]');
    var words = [];
    fields.forEach(function (field) {
      if ((field.type === "checkbox" || field.type === "radio") && field.checked) {
        var label = form.querySelector('label[for="' + field.id + '"]');
        words.push(label ? label.textContent : field.value);
      } else if (field.tagName === "SELECT" && field.value) {
        words.push(field.options[field.selectedIndex].textContent);
      } else if (field.type !== "checkbox" && field.type !== "radio" && field.tagName !== "SELECT" && field.value) {
        words.push(field.value);
      }
    });
    return words.join("; ");
  }

  function applyConditions() {
    if (!logic) return;
    var answers = answersNow();
    form.querySelectorAll("output[data-calculation]").forEach(function (output) {
      var value = logic.asAnswer(logic.calculate(condition(output, "data-calculation"), answers));
      output.textContent = value === null ? "" : value;
      answers[output.id.replace(/^id_/, "")] = value === null ? "" : value;
    });
    form.querySelectorAll("[data-condition]").forEach(function (question) {
      question.hidden = !logic.holds(condition(question, "data-condition"), answers);
    });
    form.querySelectorAll("[data-required-when]").forEach(function (mark) {
      mark.hidden = !logic.holds(condition(mark, "data-required-when"), answers);
    });
    form.querySelectorAll("[data-when]").forEach(function (choice) {
      var offered = logic.holds(condition(choice, "data-when"), answers);
      var field = choice.tagName === "OPTION" ? choice : choice.querySelector("input");
      choice.hidden = !offered;
      if (!offered) { field.checked = false; field.selected = false; }
      field.disabled = !offered;
    });
    form.querySelectorAll("[data-pipe]").forEach(function (placeholder) {
      var name = placeholder.dataset.pipe;
      if (form.querySelector('[name="' + name + '"]')) placeholder.textContent = inWords(name);
    });
  }

  // The text typed with "Other" shows while "Other" is picked (or while it holds a text or an error).
  function applyOther() {
    var data = values();
    form.querySelectorAll("[data-other-for]").forEach(function (box) {
      var field = box.querySelector("input");
      var picked = (data[box.dataset.otherFor] || []).indexOf("other") !== -1;
      box.hidden = !picked && !field.value && !box.classList.contains("field--error");
    });
  }

  var timer = null;
  var status = document.getElementById("survey-save-status");

  // Send the page's answers; once the server says it stored them, the backup of what was sent goes.
  var edits = 0;  // counts what is typed, so that a save knows whether more was typed while it was sent
  function save() {
    clearTimeout(timer);
    var sent = edits;
    var body = new FormData(form);
    body.set("go", "autosave");
    // A chosen file goes with the page's button, not with every autosave (the server ignores it here).
    form.querySelectorAll("input[type=file]").forEach(function (field) { body.delete(field.name); });
    var stop = window.AbortController ? new AbortController() : null;
    var patience = setTimeout(function () { if (stop) stop.abort(); }, 5000);
    return fetch(location.href, { method: "POST", body: body, credentials: "same-origin",
                                  headers: { "X-Requested-With": "autosave" }, signal: stop && stop.signal })
      .then(function (reply) {
        if (!reply.ok) throw new Error(reply.status);
        // Typed while the answers were on their way? Then the backup holds more, and stays.
        if (edits === sent) localStorage.removeItem(backupKey);
        if (status) status.textContent = status.dataset.saved;
      })
      .catch(function () { if (status) status.textContent = status.dataset.failed; })
      .then(function () { clearTimeout(patience); });
  }

  function autosave() {
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  function backup() {
    edits += 1;
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
  applyOther();
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") applyExclusive(event.target.name);
    applyConditions();
    applyOther();
    backup();
    autosave();
  });
  form.addEventListener("input", function () { applyConditions(); backup(); autosave(); });

  // Leaving the page: save first, so that the backup goes only once the server has the answers (a page
  // that fails to send keeps it), then send the form as the button asked.
  var sending = false;
  var confirmed = false;
  form.addEventListener("submit", function (event) {
    if (confirmed) return;
    event.preventDefault();
    if (sending) return;
    sending = true;
    var button = event.submitter;
    save().then(function () {
      sending = false;
      confirmed = true;
      if (button) form.requestSubmit(button); else form.requestSubmit();
      confirmed = false;
    });
  });

  // The error summary's links take the focus to the question's first field, and show its question.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    var question = field.closest(".question");
    event.preventDefault();
    var label = question && question.querySelector("legend, label");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
