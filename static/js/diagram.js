// The diagram page's live behaviour: chat refinement with a visible pending state, polling the
// job row, swapping in the new revision without a reload, Retry, Restore, revision selection,
// tabs and the export menu. Every form also works without this script (plain POST + redirect).
(function () {
  "use strict";

  var page = document.getElementById("diagram-page");
  if (!page) return;

  var POLL_MS = 400;              // the page notices a finished job within half a second
  var WAITING_AFTER_MS = 3000;    // then admits that no worker has picked the job up
  var liveUrl = page.getAttribute("data-live-url");
  var pageUrl = page.getAttribute("data-page-url");
  var refineForm = document.getElementById("refine-form");
  var textarea = document.getElementById("id_instruction");
  var sendButton = document.getElementById("send");
  var formError = document.getElementById("refine-error");
  var announcer = document.getElementById("announcer");
  var polling = null;
  var busy = false;

  function state() { return document.getElementById("live-state"); }

  var TOAST_MS = 4000;
  var toastTimer = null;
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { announcer.textContent = ""; }, TOAST_MS);
  }

  function updateSend() {
    sendButton.disabled = busy || !state().getAttribute("data-latest");
  }

  function setJobText(text) {
    document.querySelectorAll(".job-text").forEach(function (node) { node.textContent = text; });
  }

  function pendingMarkup(text) {
    var p = document.createElement("p");
    p.className = "job";
    p.innerHTML = '<span class="spinner" aria-hidden="true"></span> <span class="job-text"></span>';
    p.querySelector(".job-text").textContent = text;
    return p;
  }

  function chatLog() { return document.getElementById("chat-region"); }

  function scrollChat() {
    var log = chatLog();
    if (log) log.scrollTop = log.scrollHeight;
  }

  function clearFailures() {
    document.querySelectorAll(".msg.failed, .job-error").forEach(function (node) {
      var ask = node.previousElementSibling;
      if (node.classList.contains("msg") && ask && ask.classList.contains("ask")) ask.remove();
      node.remove();
    });
    document.querySelectorAll(".msg.note.empty").forEach(function (node) { node.remove(); });
  }

  // Shown synchronously in the submit handler: the user sees the job's state at once.
  function showPending(instruction) {
    clearFailures();
    var status = document.getElementById("status-region");
    status.textContent = "";
    status.appendChild(pendingMarkup("Queued…"));
    var log = chatLog();
    var ask = document.createElement("li");
    ask.className = "msg ask pending-ask";
    ask.innerHTML = '<span class="who">You</span><p></p>';
    ask.querySelector("p").textContent = instruction;
    var reply = document.createElement("li");
    reply.className = "msg reply pending";
    reply.appendChild(pendingMarkup("Queued…"));
    log.appendChild(ask);
    log.appendChild(reply);
    scrollChat();
  }

  function dropPending() {
    document.querySelectorAll(".pending-ask, .msg.reply.pending").forEach(function (n) { n.remove(); });
    document.getElementById("status-region").textContent = "";
  }

  function showFormError(text) {
    formError.textContent = text;
    if (text) textarea.setAttribute("aria-invalid", "true");
    else textarea.removeAttribute("aria-invalid");
  }

  function errorMessage(body, status) {
    if (body && body.error && body.error.message) return body.error.message;
    return "The server could not take that change (HTTP " + status + "). Try again.";
  }

  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    });
  }

  function submitChat(form) {
    var instruction = String(new FormData(form).get("instruction") || "").trim();
    if (busy) return;
    if (!instruction) { showFormError("Say what to change."); textarea.focus(); return; }
    busy = true;
    updateSend();
    showFormError("");
    showPending(instruction);
    post(form).then(function (answer) {
      if (answer.status === 202) {
        if (form === refineForm) textarea.value = "";
        startPolling(answer.body);
        return;
      }
      busy = false;
      dropPending();
      showFormError(errorMessage(answer.body, answer.status));
      updateSend();
    }).catch(function () {
      busy = false;
      dropPending();
      showFormError("Could not reach InfraSketch. Check your connection and try again.");
      updateSend();
    });
  }

  function describe(job, started) {
    if (job.status === "running") return "Planning…";
    if (job.attempts > 0) return "Retrying after a temporary problem…";
    var waited = Math.max(Date.now() - started, (job.age_seconds || 0) * 1000);
    if (waited > WAITING_AFTER_MS) return "Queued — waiting for a worker";
    return "Queued…";
  }

  function startPolling(job) {
    if (polling) clearTimeout(polling.timer);
    busy = true;
    updateSend();
    polling = { url: job.url, started: Date.now(), timer: null };
    poll(polling);
  }

  function finish(job) {
    polling = null;
    return refresh(null, { push: currentNumber() !== null }).then(function () {
      busy = false;
      updateSend();
      var canvas = window.InfraSketchCanvas.current;
      if (job.status === "succeeded" && canvas) canvas.flashAdded();
      if (job.status === "succeeded") announce("Revision " + job.revision + " is ready.");
      else announce("That change failed: " + job.error.slice(0, 140));
    });
  }

  function poll(current) {
    fetch(current.url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (job) {
        if (current !== polling) return;
        if (job.status === "succeeded" || job.status === "failed") { finish(job); return; }
        setJobText(describe(job, current.started));
        current.timer = setTimeout(function () { poll(current); }, POLL_MS);
      })
      .catch(function () {
        if (current !== polling) return;
        setJobText("Lost contact with the server; still trying…");
        current.timer = setTimeout(function () { poll(current); }, POLL_MS * 3);
      });
  }

  function currentNumber() {
    var params = new URLSearchParams(window.location.search);
    return params.get("r");
  }

  // Fetch the live regions for revision ``number`` (latest when null) and swap them in by id.
  function refresh(number, options) {
    var url = liveUrl + (number ? "?r=" + encodeURIComponent(number) : "");
    var canvas = document.getElementById("canvas-region");
    if (canvas) canvas.classList.add("loading");  // the old drawing fades while the new one loads
    return fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        template.content.querySelectorAll("[data-region]").forEach(function (fresh) {
          var old = document.getElementById(fresh.id);
          if (old) old.replaceWith(fresh);
        });
        if (options && options.push) {
          history.pushState({ r: number }, "", pageUrl + (number ? "?r=" + number : ""));
        }
        window.InfraSketchCanvas.current = window.InfraSketchCanvas.mount(document);
        var title = document.getElementById("diagram-title");
        if (title) document.title = title.textContent + " · InfraSketch";
        updateSend();
        scrollChat();
      })
      .catch(function () {
        var stale = document.getElementById("canvas-region");
        if (stale) stale.classList.remove("loading");
        announce("Could not load the diagram. Reload the page to try again.");
      });
  }

  function retry(form) {
    var button = form.querySelector("button");
    button.disabled = true;
    var holder = form.closest(".msg.failed, .job-error");
    if (holder) { holder.textContent = ""; holder.appendChild(pendingMarkup("Queued…")); }
    busy = true;
    updateSend();
    post(form).then(function (answer) {
      if (answer.status === 202) { startPolling(answer.body); return; }
      busy = false;
      refresh(currentNumber()).then(function () { showFormError(errorMessage(answer.body, answer.status)); });
    }).catch(function () {
      busy = false;
      refresh(currentNumber());
    });
  }

  function restore(form) {
    var button = form.querySelector("button");
    button.disabled = true;
    button.textContent = "Restoring…";
    post(form).then(function (answer) {
      if (answer.status !== 201) throw new Error("HTTP " + answer.status);
      return refresh(null, { push: true }).then(function () {
        announce("Restored as revision " + answer.body.revision + ".");
        var link = document.querySelector('.rev-link[data-revision="' + answer.body.revision + '"]');
        if (link) link.focus();
      });
    }).catch(function () {
      button.disabled = false;
      button.textContent = "Restore";
      announce("Could not restore that revision. Try again.");
    });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.hasAttribute("data-chat-form")) { e.preventDefault(); submitChat(form); }
    else if (form.hasAttribute("data-retry-form")) { e.preventDefault(); retry(form); }
    else if (form.hasAttribute("data-restore-form")) { e.preventDefault(); restore(form); }
  });

  textarea.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.shiftKey || e.altKey || e.isComposing) return;
    e.preventDefault();
    refineForm.requestSubmit();
  });
  textarea.addEventListener("input", function () { if (formError.textContent) showFormError(""); });

  document.addEventListener("click", function (e) {
    var link = e.target.closest("a[data-revision]");
    if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    var number = link.getAttribute("data-revision") || null;
    refresh(number, { push: true }).then(function () {
      var again = document.querySelector('.rev-link[data-revision="' + (number || state().getAttribute("data-latest")) + '"]');
      if (again) again.focus();
    });
  });

  window.addEventListener("popstate", function () { refresh(currentNumber()); });

  // Tabs: Diagram, Design doc, Findings (arrow keys move between them).
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function selectTab(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    });
    if (focus) tab.focus();
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { selectTab(tab, false); });
    tab.addEventListener("keydown", function (e) {
      var step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      selectTab(tabs[(i + step + tabs.length) % tabs.length], true);
    });
  });

  // The export menu closes once a format is chosen, on Escape and on a click elsewhere.
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(e.target) || e.target.closest(".menu-list a")) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });

  var initialJob = state().getAttribute("data-job-url");
  if (initialJob) startPolling({ url: initialJob });
  updateSend();
  scrollChat();
})();
