// scheme.js: the dark-mode toggle. The system's scheme until the reader chooses; the choice is
// kept (localStorage) and set on every page before it is drawn (the inline script in base.html).
// Choosing the system's own scheme again forgets the choice, so the page follows the system.
(function () {
  const KEY = "colour-scheme";
  const root = document.documentElement;
  const button = document.querySelector(".scheme-toggle");
  const system = window.matchMedia("(prefers-color-scheme: dark)");
  if (!button) return;
  const isDark = () => (root.dataset.scheme ? root.dataset.scheme === "dark" : system.matches);
  const show = () => button.setAttribute("aria-pressed", String(isDark()));
  button.addEventListener("click", () => {
    const wanted = isDark() ? "light" : "dark";
    try {
      if ((wanted === "dark") === system.matches) {
        delete root.dataset.scheme;
        localStorage.removeItem(KEY);
      } else {
        root.dataset.scheme = wanted;
        localStorage.setItem(KEY, wanted);
      }
    } catch (error) {
      root.dataset.scheme = wanted; // storage refused (a private window): this page only
    }
    show();
  });
  system.addEventListener("change", show);
  show();
  button.hidden = false;
})();
