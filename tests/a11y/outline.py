"""Parses HTML pages with the standard library and prints, per page, what tests/site.rs
asserts: the html lang, headings in order, every URL-bearing attribute, ids, landmarks and
the visible text (scripts and styles left out). Usage: python3 outline.py FILE.html..."""
import json
import sys
from html.parser import HTMLParser

URL_ATTRS = {"href", "src", "srcset", "action", "data", "poster", "formaction"}
LANDMARKS = {"header", "nav", "main", "footer", "aside"}


class Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.headings, self.urls, self.ids, self.landmarks = None, [], [], [], []
        self.text, self.skip, self.heading = [], 0, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.append(a["id"])
        if tag in LANDMARKS:
            self.landmarks.append(tag)
        for name, value in attrs:
            if name in URL_ATTRS and value is not None:
                self.urls.append({"tag": tag, "attr": name, "value": value, "rel": a.get("rel")})
        if tag in ("script", "style"):
            self.skip += 1
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.heading = [int(tag[1]), ""]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if self.heading and tag == "h%d" % self.heading[0]:
            self.headings.append(self.heading)
            self.heading = None
        if tag in ("p", "li", "h1", "h2", "h3", "br", "div", "td"):
            self.text.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)
            if self.heading:
                self.heading[1] += data


pages = {}
for path in sys.argv[1:]:
    o = Outline()
    with open(path, encoding="utf-8") as f:
        o.feed(f.read())
    pages[path] = {
        "lang": o.lang, "headings": o.headings, "urls": o.urls, "ids": o.ids,
        "landmarks": o.landmarks, "text": " ".join("".join(o.text).split()),
    }
json.dump(pages, sys.stdout, ensure_ascii=False)
