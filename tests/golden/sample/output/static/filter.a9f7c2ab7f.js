// filter.js: the filter box of a big taxonomy index (terms.html): as the reader types, only
// the terms whose name holds the text stay, accents and case aside; the letters left empty,
// the most used and the A–Z links step aside. A classic script: it works opened from disk.
(function () {
  const form = document.querySelector(".term-filter");
  const sections = document.getElementById("terms-az");
  if (!form || !sections) return;
  const input = form.querySelector("input");
  const status = form.querySelector("[role=status]");
  // The status's words in the page's language (terms.html, from the catalogue).
  const words = JSON.parse(form.dataset.words);
  const lang = document.documentElement.lang;
  const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
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
    const query = input.value.trim();
    const matches = words.matches[new Intl.PluralRules(lang).select(shown)] || words.matches.other;
    status.textContent = wanted === "" ? ""
      : shown === 0 ? fill(words.none, { query })
      : fill(matches, { num: shown.toLocaleString(lang), query });
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  input.addEventListener("input", filter);
  form.hidden = false;
  if (input.value) filter(); // kept by the browser on going back
})();
