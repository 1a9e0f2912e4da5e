"""hugo_layouts: the Hugo site the peers benchmark builds: its configuration and templates,
for the archive's own page set (listings, terms, feeds) and for site-builder's (the date
archive, related articles, neighbours, sitemap, robots.txt, 404). See benchmarks/peers.py."""

PER_PAGE = 20  # site-builder's articles_per_page
FEED_SIZE = 20  # entries per feed, as site-builder's feeds

HUGO_CONFIG = f"""\
baseURL = "https://example.org/"
title = "Benchmark"
relativeURLs = true  # site-builder's links are relative too
disableKinds = ["section"]  # /posts/ would repeat the home page's listing
[pagination]
  pagerSize = {PER_PAGE}
  disableAliases = true  # no page/1/ redirect beside each listing's first page
[taxonomies]
  topic = "topics"
  tag = "tags"
  region = "regions"
  source = "sources"
[permalinks]
  posts = "/:year/:month/:day/:slug/"
[outputs]  # feeds for the home page and each term, as site-builder
  home = ["html", "rss"]
  taxonomy = ["html"]
  term = ["html", "rss"]
[services.rss]
  limit = {FEED_SIZE}
"""

# Hugo >= 0.146 template names, at the top of layouts/. (In layouts/_default/ Hugo reads
# taxonomy.html by its pre-0.73 meaning, the template of a term page.)
HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "page.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ range slice "topics" "regions" "tags" "sources" }}
{{ with $.GetTerms . }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ end }}
{{ .Content }}
</article>
{{ end }}
""",
    # The home page and each term's page: newest first, PER_PAGE teasers a page.
    "home.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ $paginator := .Paginate $pages }}
{{ range $paginator.Pages }}
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Summary }}
</article>
{{ end }}
<nav>
{{ with $paginator.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}
Page {{ $paginator.PageNumber }} of {{ $paginator.TotalPages }}
{{ with $paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
</nav>
{{ end }}
""",
    # /topics/, /tags/, ...: every term with its count.
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
""",
}
HUGO_LAYOUTS["term.html"] = HUGO_LAYOUTS["home.html"]

# Hugo drawing site-builder's page set: the date archive as three more taxonomies (a page per
# year, month and day, paginated, without feeds), related articles and neighbours on each
# article, a sitemap, robots.txt and a 404 page.
HUGO_PAGES_CONFIG = HUGO_CONFIG.replace('  source = "sources"\n', '  source = "sources"\n  year = "years"\n'
                                        '  month = "months"\n  day = "days"\n') + """\
enableRobotsTXT = true
[related]
  includeNewer = false
  threshold = 1
  [[related.indices]]
    name = "tags"
    weight = 3
  [[related.indices]]
    name = "regions"
    weight = 2
  [[related.indices]]
    name = "topics"
    weight = 1
"""
HUGO_PAGES_LAYOUTS = {
    **HUGO_LAYOUTS,
    "page.html": HUGO_LAYOUTS["page.html"].replace("{{ .Content }}\n</article>", """{{ .Content }}
</article>
<aside><h2>Earlier coverage</h2><ul>
{{ range first 5 (.Site.RegularPages.Related .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}
</ul></aside>
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>"""),
    "404.html": '{{ define "main" }}<h1>Page not found</h1><a href="{{ "/" | relURL }}">Home</a>{{ end }}\n',
}
