// The Q&A board of a forum session and its presenter view: asks the portal every few seconds what changed
// (a 304 when nothing did), puts the questions in their sections and order, and sends votes and a
// moderator's actions without leaving the page. Without it the page works by reloading.
(function () {
  "use strict";
  var POLL_MILLISECONDS = 5000;
  var root = document.querySelector("[data-qa-board], [data-qa-present]");
  if (!root || !window.fetch) return;
  var template = root.querySelector("template[data-qa-row]");
  var status = root.querySelector("[data-qa-status]");
  var etag = root.dataset.etag || null;
  var timer = null;
  var known = null;

  // Without the script the longest section goes in pages; the script shows all of it.
  root.querySelectorAll(".pagination").forEach(function (pager) { pager.remove(); });

  function say(text) {
    if (status) status.textContent = text;
  }

  function newRow(id) {
    var li = template.content.firstElementChild.cloneNode(true);
    li.dataset.question = id;
    li.querySelectorAll("form").forEach(function (form) {
      // The row of the template was drawn for question 0.
      form.setAttribute("action", form.getAttribute("action").replace("/questions/0/", "/questions/" + id + "/"));
    });
    return li;
  }

  function field(li, name) {
    return li.querySelector('[data-field="' + name + '"]');
  }

  function fill(li, row, data) {
    li.classList.toggle("qa-question--pinned", row.pinned);
    field(li, "text").textContent = row.text;
    field(li, "author").textContent = row.author;
    field(li, "votes").textContent = row.votes;
    var anonymous = field(li, "anonymous");
    if (anonymous) anonymous.hidden = !row.anonymous;
    var vote = field(li, "vote");
    if (vote) {
      var voted = data.voted.indexOf(row.id) !== -1;
      vote.hidden = row.state !== "shown" || !(data.open || voted);
      vote.querySelector('[data-voted="false"]').hidden = voted;
      vote.querySelector('[data-voted="true"]').hidden = !voted;
    }
    li.querySelectorAll("[data-action]").forEach(function (button) {
      button.hidden = (row.actions || []).indexOf(button.dataset.action) === -1;
    });
  }

  // Rows are kept and moved rather than drawn again, so that the focus stays on the button it was on.
  function place(list, rows, data) {
    rows.forEach(function (row, position) {
      var li = root.querySelector('li[data-question="' + row.id + '"]') || newRow(row.id);
      fill(li, row, data);
      if (list.children[position] !== li) list.insertBefore(li, list.children[position] || null);
    });
  }

  function render(data) {
    var sections = data.sections || { present: data.questions };
    var ids = {};
    Object.keys(sections).forEach(function (name) {
      var list = root.querySelector('[data-list="' + name + '"]');
      if (!list) return;
      sections[name].forEach(function (row) { ids[row.id] = true; });
      place(list, sections[name], data);
    });
    root.querySelectorAll("li[data-question]").forEach(function (li) {
      if (!ids[li.dataset.question]) li.remove();
    });
    root.querySelectorAll("[data-section]").forEach(function (section) {
      var rows = root.querySelector('[data-list="' + section.dataset.section + '"]').children.length;
      var empty = section.querySelector("[data-empty]");
      if (empty) empty.hidden = rows > 0;
      else section.hidden = rows === 0;
    });
    var presentEmpty = root.matches("[data-qa-present]") && root.querySelector("[data-empty]");
    if (presentEmpty) presentEmpty.hidden = data.questions.length > 0;
    var arrived = Object.keys(ids).filter(function (id) { return known && !known[id]; });
    if (arrived.length && root.matches("[data-qa-board]")) say(root.dataset.newQuestions);
    known = ids;
  }

  function poll() {
    clearTimeout(timer);
    var headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(root.dataset.poll, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 304) return null;
        if (!response.ok) throw new Error(response.status);
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) {
        if (data) render(data);
        schedule();
      })
      .catch(function (error) {
        // Signed out or no longer registered: the page says so at the next reload; stop asking.
        if (String(error.message) !== "403") schedule();
      });
  }

  function schedule() {
    clearTimeout(timer);
    if (!document.hidden) timer = setTimeout(poll, POLL_MILLISECONDS);
  }

  // A tab in the background does not ask; back in front, it asks at once.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) clearTimeout(timer);
    else poll();
  });

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-qa-form]")) return;
    event.preventDefault();
    var body = new FormData(form);
    if (event.submitter && event.submitter.name) body.append(event.submitter.name, event.submitter.value);
    fetch(form.action, { method: "POST", body: body, headers: { Accept: "application/json" },
                         credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) { say(answer.message); poll(); })
      .catch(function () { form.submit(); });
  });

  schedule();
})();
