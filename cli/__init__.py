"""The `minutes` command, its own package above the others (issue 23): it runs the crawl, extract, index, the
web server, alerts and the demo, so it alone may import every stage; the web package imports none of it."""
