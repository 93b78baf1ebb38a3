// beleidsmonitor: small progressive enhancements; every page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  // document page: switch the highlighting of one kind of extraction on or off
  const text = document.getElementById("doctext");
  for (const box of document.querySelectorAll("input[data-toggle]")) {
    box.addEventListener("change", () => {
      if (text) text.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  }
});
