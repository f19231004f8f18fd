// Long work (scanning a document): show that Schakel is busy and prevent a second submit.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var status = form.querySelector(".schakel-busy");
    var button = form.querySelector("button[type=submit]");
    if (status) {
      status.textContent = form.getAttribute("data-busy");
      status.classList.add("schakel-busy--active");
    }
    if (button) {
      button.setAttribute("aria-disabled", "true");
      button.addEventListener("click", function (event) { event.preventDefault(); });
    }
  });
});
