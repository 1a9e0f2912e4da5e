// search.js: the search page on Pagefind's JS API. The query and filters live in the URL
// (?q=...&region=...), so a search can be linked, reloaded and reached with the back button.
const form = document.getElementById("search");
const input = document.getElementById("search-query");
const fieldset = form.querySelector(".search-filters");
const selects = [...fieldset.querySelectorAll("select")];
const order = document.getElementById("search-order");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const narrow = document.getElementById("search-narrow");
const none = document.getElementById("search-none");
const unfilter = document.getElementById("search-unfilter");
const earlier = document.getElementById("search-earlier");
const PAGE = 10; // each shown result costs one fragment request
let pagefind = null;
let found = [];
let shown = 0;
let generation = 0; // a newer search makes older, slower answers stale
let counts = null; // each filter value's count within the current results; null: no search yet
let filtersLoaded = false; // the filters' lists, fetched when the reader first narrows
// The archive's shards, newest first, and how many of them the search has merged so far: a
// query reads the newest first, and older ones only when their results are wanted.
let shards = [];
let merged = 0;
let bundle = null;
let pages = null;
let stale = new Map(); // id -> filters of the sealed shards' hits of articles edited since: the overlay has them
// The page's words in its language (search.html, from the catalogue): counts by plural category.
const words = JSON.parse(form.dataset.words);
const lang = document.documentElement.lang;
const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);

function unavailable() {
  status.textContent = words.unavailable;
  fieldset.hidden = narrow.hidden = true;
  form.querySelector(".search-row button").disabled = true;
}

// A site in several languages has a search page for each (Pagefind indexes each language
// apart): a reader who comes to the site's own without having chosen one is taken to the one
// in the browser's language (only that page lists them in data-languages).
function readersLanguage() {
  const pages = JSON.parse(form.dataset.languages || "{}");
  const links = document.querySelectorAll(".search-languages a");
  for (const link of links) link.addEventListener("click", () => sessionStorage.setItem("search-language", link.hreflang));
  let chosen = null;
  try { chosen = sessionStorage.getItem("search-language"); } catch (error) { return false; }
  if (chosen) return false;
  const own = lang.toLowerCase().split("-")[0];
  const wanted = (navigator.languages || [navigator.language]).map((tag) => tag.toLowerCase().split("-")[0])
    .find((tag) => Object.keys(pages).some((page) => page.toLowerCase().split("-")[0] === tag));
  const target = wanted && Object.entries(pages).find(([page]) => page.toLowerCase().split("-")[0] === wanted);
  if (!target || wanted === own) return false;
  location.replace(new URL(form.dataset.root, document.baseURI).href + target[1][1] + location.search);
  return true;
}

async function load() {
  if (readersLanguage()) return;
  if (order) order.value = new URLSearchParams(location.search).get("order") === "newest" ? "newest" : "relevance";
  // Relative URLs from the template, resolved against this page: works under any subpath.
  const here = document.baseURI;
  try {
    // One index per shard of the archive, newest first: the first is loaded, the others
    // merged into it. Their pages' URLs are the site's, so each is told where the site is.
    const root = new URL(form.dataset.root, here);
    shards = form.dataset.shards.split(" ").filter(Boolean);
    if (!shards.length) throw new Error("no articles, so no index");
    bundle = (shard) => new URL(`${shard}/`, new URL(form.dataset.index, here)).href;
    pages = { baseUrl: root.pathname };
    // The overlay: articles edited after their shard was indexed, and the stale hits of the
    // shards it replaces. A site without one (an older build) searches its shards alone.
    const overlay = fetch(new URL("recent.json", new URL(form.dataset.index, here)))
      .then((answer) => answer.ok ? answer.json() : {}).catch(() => ({}));
    pagefind = await import(`${bundle(shards[0])}pagefind.js`);
    await pagefind.options(pages);
    const { index, stale: superseded = [], filters: staleFilters = {} } = await overlay;
    // The overlay is small and may hold an edit to any shard's article: always searched.
    if (index) await pagefind.mergeIndex(bundle(index), pages);
    stale = new Map(superseded.map((id) => [id, staleFilters[id] || {}]));
    merged = 1;
    // The filters' lists grow with the archive (a megabyte at 100,000 articles): they are
    // fetched when the reader asks to narrow the results, or comes with a narrowed search.
    const params = new URLSearchParams(location.search);
    if (selects.some((select) => params.get(select.name))) await loadFilters();
    else narrow.hidden = false;
  } catch (error) {
    pagefind = null;
    unavailable();
    return;
  }
  search();
}

// The next `count` shards (all of them by default) merged into the search.
async function mergeShards(count = shards.length) {
  const next = shards.slice(merged, merged + count);
  merged += next.length;
  await Promise.all(next.map((shard) => pagefind.mergeIndex(bundle(shard), pages)));
}

async function loadFilters() {
  if (filtersLoaded) return;
  filtersLoaded = true;
  await mergeShards(); // every year's articles, so that every year can be chosen
  fillFilters(await pagefind.filters());
  narrow.hidden = true;
  // The query box was filled from the URL at once (the reader may have typed since);
  // the filters' options exist only now.
  const params = new URLSearchParams(location.search);
  for (const select of selects) select.value = params.get(select.name) || "";
}

function fillFilters(filters) {
  for (const select of selects) {
    const values = filters[select.name] || {};
    const names = Object.keys(values).sort((a, b) => select.name === "year" ? b.localeCompare(a) : a.localeCompare(b));
    for (const name of names) select.add(new Option(name, name));
  }
  fieldset.hidden = false;
  showCounts();
}

// Each option says how many of the results it would keep (Pagefind's counts within the
// results, not the archive's totals); one that would keep none is offered only when chosen.
function showCounts() {
  if (!counts || !filtersLoaded) return;
  for (const select of selects) {
    const within = counts[select.name]; // missing until the filters' lists are loaded
    for (const option of [...select.options].slice(1)) {
      const count = within ? within[option.value] || 0 : null;
      option.textContent = count === null ? option.value : `${option.value} (${count})`;
      option.disabled = count === 0 && option.value !== select.value;
    }
  }
}

// Pagefind's counts, less the stale hits' filter values (they are counted with the overlay's).
function uncounted(filters, ids) {
  const counts = structuredClone(filters);
  for (const id of ids) {
    for (const [name, values] of Object.entries(stale.get(id) || {})) {
      for (const value of values) if (counts[name] && counts[name][value]) counts[name][value] -= 1;
    }
  }
  return counts;
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const select of selects) select.value = params.get(select.name) || "";
  if (order) order.value = params.get("order") === "newest" ? "newest" : "relevance";
}

function writeUrl(push) {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of selects) if (select.value) params.set(select.name, select.value);
  if (order && order.value !== "relevance") params.set("order", order.value);
  const query = params.toString();
  const target = query ? `?${query}` : location.pathname;
  if (target === location.search) return;
  history[push ? "pushState" : "replaceState"](null, "", target);
}

async function search() {
  if (!pagefind) return;
  const mine = ++generation;
  list.setAttribute("aria-busy", "true"); // until this search's results are in place
  const query = input.value.trim();
  const filters = {};
  for (const select of selects) if (select.value) filters[select.name] = select.value;
  if (!query && !Object.keys(filters).length) {
    found = [];
    counts = filtersLoaded ? uncounted(await pagefind.filters(), [...stale.keys()]) : null; // the archive's totals
    if (mine !== generation) return;
    showCounts();
    render(mine, "");
    return;
  }
  // A null query with filters lists every article that matches the filters. The newest
  // shards first: older ones are read while the results would not fill a page.
  const sort = order && order.value === "newest" ? { date: "desc" } : undefined;
  let answer = await pagefind.search(query || null, { filters, sort });
  while (answer && answer.results.length < PAGE && merged < shards.length && mine === generation) {
    await mergeShards(1);
    answer = await pagefind.search(query || null, { filters, sort });
  }
  if (mine !== generation || !answer) return;
  const dropped = new Set();
  // Each stale hit once: an edit that left the indexed text as it was has the same id in the
  // overlay, and one of the two stays.
  found = answer.results.filter((result) => {
    if (!stale.has(result.id) || dropped.has(result.id)) return true;
    dropped.add(result.id);
    return false;
  });
  counts = uncounted(answer.filters, [...dropped]);
  showCounts();
  const what = query ? fill(words.for, { query }) : "";
  const narrowed = Object.keys(filters).length ? words.filtered : "";
  const results = words.results[new Intl.PluralRules(lang).select(found.length)] || words.results.other;
  const count = fill(results, { num: found.length.toLocaleString(lang) });
  // Found in the newest shards only, so far: said, as the count is theirs.
  const recent = merged < shards.length ? words.recent : "";
  render(mine, found.length ? [count, what, recent].filter(Boolean).join(" ")
    : fill(words.none, { what: [what, narrowed].filter(Boolean).join(" ") }).replace(" .", "."));
  // Nothing found: what to try next, and the way out of the filters if they are the cause.
  none.hidden = found.length > 0;
  none.querySelector(".when-filtered").hidden = !narrowed;
}

async function render(mine, message) {
  none.hidden = true;
  list.replaceChildren();
  shown = 0;
  await showMore(mine);
  if (mine !== generation) return;
  status.textContent = message;
  list.removeAttribute("aria-busy");
}

async function showMore(mine) {
  const next = found.slice(shown, shown + PAGE);
  const data = await Promise.all(next.map((result) => result.data()));
  if (mine !== generation) return;
  list.append(...data.map(item));
  shown += next.length;
  more.hidden = shown >= found.length;
  // At the end of what the newest years gave: the rest of the archive, on request.
  earlier.hidden = !more.hidden || merged >= shards.length;
}

function item(data) {
  const li = document.createElement("li");
  const heading = li.appendChild(document.createElement("h2"));
  const link = heading.appendChild(document.createElement("a"));
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const meta = li.appendChild(document.createElement("p"));
  meta.className = "meta";
  for (const text of [data.meta.date, ...(data.filters.source || [])]) {
    if (text) meta.appendChild(document.createElement("span")).textContent = text;
  }
  const excerpt = li.appendChild(document.createElement("p"));
  excerpt.className = "summary";
  // Matches in context when the query found words; the article's summary for filters alone.
  const marked = highlighted(data.excerpt);
  if (marked.some((node) => node.nodeName === "MARK") || !data.meta.summary) excerpt.append(...marked);
  else excerpt.textContent = data.meta.summary;
  return li;
}

// Pagefind marks matches with <mark>; everything else is kept as plain text, never as HTML.
function highlighted(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  return [...doc.body.firstChild.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

let typing = 0;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => { writeUrl(false); search(); }, 150);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  writeUrl(true);
  search();
});
for (const select of selects) select.addEventListener("change", () => { writeUrl(true); search(); });
more.addEventListener("click", () => showMore(generation));
earlier.addEventListener("click", async () => {
  earlier.hidden = true;
  await mergeShards();
  search();
});
if (order) order.addEventListener("change", () => { writeUrl(true); search(); });
unfilter.addEventListener("click", () => {
  for (const select of selects) select.value = "";
  writeUrl(true);
  search();
});
narrow.addEventListener("click", async () => {
  await loadFilters();
  selects[0].focus();
  search(); // again, now that the filters are loaded: their counts within the results
});
window.addEventListener("popstate", () => { readUrl(); search(); });
load(); // the query box was filled from the URL before the first paint (search.html)
