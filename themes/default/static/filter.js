// filter.js: the filter box of a big taxonomy index (terms.html): as the reader types, only
// the terms whose name holds the text stay, accents and case aside; the letters left empty,
// the most used and the A–Z links step aside. A classic script: it works opened from disk.
(function () {
  const form = document.querySelector(".term-filter");
  const sections = document.getElementById("terms-az");
  if (!form || !sections) return;
  const input = form.querySelector("input");
  const status = form.querySelector("[role=status]");
  const noun = form.querySelector("label").textContent.replace(/^Find an? /, "");
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  // Each term's name (its link, or its name when it has no page of its own), folded once.
  const items = [...sections.querySelectorAll(".term-list > li")].map((li) => {
    const name = li.querySelector("a, .term-name");
    return { li, name: fold(name ? name.textContent : li.textContent) };
  });
  const aside = document.querySelectorAll(".most-used, .az");
  const letters = [...sections.querySelectorAll("section")];

  function filter() {
    const wanted = fold(input.value.trim());
    let shown = 0;
    for (const { li, name } of items) {
      li.hidden = wanted !== "" && !name.includes(wanted);
      if (!li.hidden) shown += 1;
    }
    for (const section of letters) section.hidden = !section.querySelector(".term-list > li:not([hidden])");
    for (const element of aside) element.hidden = wanted !== "";
    status.textContent = wanted === "" ? ""
      : shown === 0 ? `No ${noun} matches “${input.value.trim()}”.`
      : shown === 1 ? `1 ${noun} matches “${input.value.trim()}”.`
      : `${shown} ${noun}s match “${input.value.trim()}”.`;
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  input.addEventListener("input", filter);
  form.hidden = false;
  if (input.value) filter(); // kept by the browser on going back
})();
