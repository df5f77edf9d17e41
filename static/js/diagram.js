// Polls the active job's row and reloads the page when the new revision is ready.
(function () {
  "use strict";
  var page = document.querySelector(".diagram-page");
  if (!page) return;
  var url = page.getAttribute("data-job-url");
  var text = document.querySelector("#job-status .job-text");
  var started = Date.now();

  function show(job) {
    if (!text) return;
    if (job.status === "running") text.textContent = "Planning…";
    else if (job.waiting_for_worker && Date.now() - started > 3000) text.textContent = "Queued — waiting for a worker";
    else text.textContent = "Queued…";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.status === "succeeded" || job.status === "failed") { window.location.reload(); return; }
        show(job);
        setTimeout(poll, 300);
      })
      .catch(function () { setTimeout(poll, 1500); });
  }
  if (url) poll();
})();
