// Home page: example prompts fill the box; Ctrl+Enter submits; one submit per click.
(function () {
  "use strict";
  var form = document.getElementById("prompt-form");
  if (!form) return;
  var box = document.getElementById("id_prompt");
  var button = document.getElementById("sketch");

  document.querySelectorAll("button.example").forEach(function (example) {
    example.addEventListener("click", function () {
      box.value = example.getAttribute("data-prompt");
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
  });

  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", function (e) {
    if (form.getAttribute("data-sent")) { e.preventDefault(); return; }
    if (!box.value.trim()) return;  // the server explains what is missing
    form.setAttribute("data-sent", "1");
    button.disabled = true;
    button.textContent = "Sketching…";
  });
  // Coming back with the browser's Back button shows a usable form again.
  window.addEventListener("pageshow", function () {
    form.removeAttribute("data-sent");
    button.disabled = false;
    button.textContent = "Sketch it";
  });
})();
