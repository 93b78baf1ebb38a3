"""Write the document fixtures from the example letter kst-32824-47, with real tools.

Run from the repository root: ``.venv/bin/python tests/documents/make_fixtures.py``. The output is
committed; rerun after changing this script. Everything is derived from the packaged example
(``src/beleidsmonitor/examples/kst-32824-47.txt``, pdftotext output of the official PDF):

- ``kst-32824-47.pdf`` (reportlab): the example's lines placed page by page as in the official PDF:
  the page breaks where pdftotext marked them (a line starting with a space, or after a footer), the
  two page footers the example has, the footnote at the foot of its page (its marker a superscript),
  line-end hyphenation as printed, headings in bold.
- ``kst-32824-47.docx`` (python-docx), ``.html`` and ``.xml``: the same letter as structured text,
  paragraphs without line breaks, hyphenation or footers: headings (Heading styles / ``h2``–``h4`` /
  ``tussenkop`` and ``kop``), list items (List Bullet / List Number, ``ul``/``ol``, ``lijst``), the
  footnote as a real footnote. HTML and XML also carry the kamerstukkop and the metadata of
  officielebekendmakingen; the date 2013-12-19 is the letter's date as the annotation gives it.
- ``hostile/``: files every reader must refuse with a DocumentError (see HOSTILE below).

Paragraphs are recovered from the example's lines by these rules: a blank line or a page break ends a
block unless the next block starts in lower case (a paragraph running on); a line starting with
"– " or with a digit and a capital ("1 Meedoen") starts a list item; the headings are listed in
HEADINGS; a word broken at a line end is joined, keeping the hyphen only where Dutch spelling needs
it (KEPT_HYPHENS).
"""

from __future__ import annotations

import html
import io
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
OUT = Path(__file__).resolve().parent
HOSTILE = OUT / "hostile"

FOOTER = re.compile(r"^Tweede Kamer, vergaderjaar 2013–2014, 32 824, nr\. 47 \d+$")
FOOTNOTE_LINE = "1 Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer"
FOOTNOTE = ("1", "Ter inzage gelegd bij het Centraal Informatiepunt Tweede Kamer")
ANCHOR = "bijgevoegd1"
#: heading text → level (1 annex title, 2 theme, 3 topic), as in the annotation's gold file
HEADINGS = {
    "Agenda Integratie": 2,
    "Meedoen en zelfredzaam zijn": 2,
    "Arbeidsmarkt": 3,
    "Taal en inburgering": 3,
    "Grenzen stellen en opvoeden": 2,
    "Aanpak van criminaliteit en overlast en versterken ouderbetrokkenheid": 3,
    "Omgaan met anderen en verinnerlijken van waarden": 2,
    "Tot slot": 2,
    "Voortgang Agenda Integratie": 1,
    "1 Meedoen en zelfredzaam zijn": 2,
    "Taal": 3,
    "Inburgering": 3,
    "Stimuleren sociaal ondernemerschap": 3,
    "2 Grenzen stellen en opvoeden": 2,
    "EU-migranten": 3,
    "Roma": 3,
    "Aanpak van criminaliteit en overlast": 3,
    "Versterken ouderbetrokkenheid": 3,
    "3 Omgaan met anderen en verinnerlijken van waarden": 2,
    "Participatieverklaring nieuwkomers": 3,
    "Maatschappelijke codes": 3,
    "Aanpak discriminatie": 3,
    "Bevorderen homoacceptatie onder etnische minderheden": 3,
    "Preventieve aanpak huwelijksdwang": 3,
    "Parallelle gemeenschappen": 3,
    "Privaatgefinancierde Internaten": 3,
    "Maatschappelijke spanningen in wijken": 3,
    "Buitenlandse financiering moskeeën": 3,
    "Ten slotte": 2,
    "Gemeenschappelijke Integrale Aanpak": 3,
    "Intrekking Wet Overleg Minderhedenbeleid/ Inzet instrument dialoog": 3,
}
ANNEX_TITLE = "Voortgang Agenda Integratie"
#: line-end breaks whose hyphen belongs to the word (vowel clash, see GUIDELINES.md)
KEPT_HYPHENS = ("decentralisatie-",)
#: lines inside a list item that open a paragraph of their own
OWN_PARAGRAPH = ("De volgende activiteiten worden ondernomen",)
ITEM_START = re.compile(r"^(–|\d) (?=\S)")
NUMBERED = re.compile(r"^\d (?=[A-Z])")

KOP = (
    "Tweede Kamer der Staten-Generaal",
    "Vergaderjaar 2013–2014",
    "32 824 Integratiebeleid",
    "Nr. 47 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Den Haag, 19 december 2013",
)
META = {
    "DC.identifier": "kst-32824-47",
    "DC.title": "Integratiebeleid; Brief regering; Voortgang Agenda Integratie",
    "DC.type": "Kamerstuk",
    "DC.creator": "Tweede Kamer der Staten-Generaal",
    "DC.language": "nl",
    "DCTERMS.issued": "2013-12-19",
    "OVERHEIDop.dossiernummer": "32824",
    "OVERHEIDop.ondernummer": "47",
    "OVERHEIDop.vergaderjaar": "2013-2014",
    "OVERHEIDop.documenttitel": "Voortgang Agenda Integratie",
}


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item or the signature, with the part it stands in."""

    kind: str  # "heading", "paragraph", "item", "signature"
    text: str
    annex: bool
    level: int = 0
    marker: str = ""


def example_pages() -> list[list[str]]:
    """The example's lines per page (page-start spaces removed, trailing spaces dropped)."""
    pages: list[list[str]] = [[]]
    after_footer = False
    for raw in EXAMPLE.read_text(encoding="utf-8").split("\n"):
        line = raw.strip()
        if FOOTER.match(line):
            pages[-1].append(line)
            pages.append([])
            after_footer = True
            continue
        if after_footer and not line:
            continue
        if raw.startswith(" ") and line and pages[-1] and not after_footer:
            pages.append([])
        after_footer = False
        pages[-1].append(line)
    while pages and not any(pages[-1]):
        pages.pop()
    for page in pages:
        while page and not page[-1]:
            page.pop()
    return pages


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line, joining words broken at the line end."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and line[:1].islower():
            text = text if text.endswith(KEPT_HYPHENS) else text[:-1]
            text += line
        elif text.endswith("://"):
            text += line
        else:
            text += " " + line
    return text


def example_blocks() -> list[Block]:
    """The letter as structured blocks (see the module docstring for the rules)."""
    raw_blocks: list[list[str]] = []
    for page in example_pages():
        current: list[str] = []
        for line in [*page, ""]:
            if FOOTER.match(line) or line == FOOTNOTE_LINE:
                continue
            if line:
                current.append(line)
            elif current:
                raw_blocks.append(current)
                current = []
    merged: list[list[str]] = []
    for lines in raw_blocks:
        if merged and lines[0][:1].islower():
            merged[-1].extend(lines)
        else:
            merged.append(lines)
    blocks: list[Block] = []
    annex = False
    for lines in merged:
        first = lines[0]
        if len(lines) == 1 and first in HEADINGS:
            annex = annex or first == ANNEX_TITLE
            blocks.append(Block("heading", first, annex, level=HEADINGS[first]))
            continue
        if first.startswith("De Minister van"):
            blocks.append(Block("signature", "\n".join(lines), annex))
            continue
        units: list[tuple[str, list[str]]] = [("", [])]
        for line in lines:
            match = ITEM_START.match(line)
            if match and (line.startswith("– ") or NUMBERED.match(line)):
                units.append((match[1], [line[match.end() :]]))
            elif line.startswith(OWN_PARAGRAPH):
                units.append(("", [line]))
            else:
                units[-1][1].append(line)
        for marker, unit in units:
            if unit:
                kind = "item" if marker else "paragraph"
                blocks.append(Block(kind, _join(unit), annex, marker=marker))
    return blocks


# --- PDF -------------------------------------------------------------------------------------------


def write_pdf(path: Path, pages: list[list[str]], encrypt: object = None) -> None:
    """Place the lines page by page on A4, footers and footnote at the foot of their page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    pdf.setTitle("Voortgang Agenda Integratie")
    _width, height = A4
    left, leading, size = 72, 11, 9
    for page in pages:
        y = height - 48
        for line in page:
            if FOOTER.match(line):
                pdf.setFont("Helvetica", 7)
                pdf.drawString(left, 28, line)
                continue
            if line == FOOTNOTE_LINE:
                pdf.setFont("Helvetica", 7)
                pdf.drawString(left, 44, line)
                continue
            if line:
                font = "Helvetica-Bold" if line in HEADINGS else "Helvetica"
                text = pdf.beginText(left, y)
                text.setFont(font, size)
                if ANCHOR in line:
                    before, after = line.split(ANCHOR, 1)
                    text.textOut(before + ANCHOR[:-1])
                    text.setFont(font, 6)
                    text.setRise(3.5)
                    text.textOut(ANCHOR[-1])
                    text.setRise(0)
                    text.setFont(font, size)
                    text.textOut(after)
                else:
                    text.textOut(line)
                pdf.drawText(text)
            y -= leading
        pdf.showPage()
    pdf.save()


# --- DOCX ------------------------------------------------------------------------------------------


def write_docx(path: Path, blocks: list[Block]) -> None:
    """Headings by style, list items as List Bullet / List Number, the footnote as a real footnote."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.core_properties.title = "Voortgang Agenda Integratie"
    document.core_properties.identifier = "kst-32824-47"
    document.core_properties.author = "Ministerie van Sociale Zaken en Werkgelegenheid"
    footnotes_xml = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        "</w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(FOOTNOTE[1])}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        footnotes_xml.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    numbering = document.part.numbering_part.element
    list_number = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(list_number).abstractNumId.val
    num_id = list_number
    for block in blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level)
        elif block.kind == "item" and block.marker == "–":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "item":
            if block.marker == "1":  # each numbered list restarts at 1: its own numbering instance
                num = numbering.add_num(abstract_id)
                num.add_lvlOverride(ilvl=0).add_startOverride(1)
                num_id = num.numId
            paragraph = document.add_paragraph(block.text, style="List Number")
            numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_numId().val = num_id
            numpr.get_or_add_ilvl().val = 0
        elif block.kind == "signature":
            paragraph = document.add_paragraph()
            lines = block.text.split("\n")
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
        elif ANCHOR in block.text:
            before, after = block.text.split(ANCHOR, 1)
            paragraph = document.add_paragraph(before + ANCHOR[:-1])
            paragraph._p.append(
                parse_xml(
                    f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    '<w:footnoteReference w:id="1"/></w:r>'
                )
            )
            paragraph.add_run(after)
        else:
            document.add_paragraph(block.text)
    document.save(str(path))


# --- HTML ------------------------------------------------------------------------------------------


def _html_inline(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return escaped.replace(
        ANCHOR,
        ANCHOR[:-1]
        + '<sup><a href="#ID-32824-47-noot1" id="ID-32824-47-supnoot1" class="nootnum">1</a></sup>',
    )


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive list items of one kind (dash or number) form one list."""
    groups: list[list[Block]] = []
    for block in blocks:
        previous = groups[-1][-1] if groups else None
        if (
            block.kind == "item"
            and previous is not None
            and previous.kind == "item"
            and (previous.marker == "–") == (block.marker == "–")
        ):
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def write_html(path: Path, blocks: list[Block]) -> None:
    """An officielebekendmakingen page: site chrome around div#broodtekst, notes at the end."""
    metas = "\n".join(
        f"<meta name={quoteattr(name)} content={quoteattr(value)}>" for name, value in META.items()
    )
    body: list[str] = [
        '<div class="kamerstukkop">',
        f'<p class="kamer">{KOP[0]}</p>',
        f'<p class="vergaderjaar">{KOP[1]}</p>',
        "</div>",
        '<h1 class="dossiertitel"><span class="dossiernummer">32 824</span> Integratiebeleid</h1>',
        '<h1 class="stuktitel"><span class="stuknummer">Nr. 47</span> '
        "BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID</h1>",
        f'<p class="aanhef">{KOP[4]}</p>',
        f'<p class="plaats-datum">{KOP[5]}</p>',
    ]
    in_annex = False
    for group in _groups(blocks):
        first = group[0]
        if first.annex and not in_annex:
            body.append('<div class="bijlage">')
            in_annex = True
        if first.kind == "heading":
            level = first.level + 1
            body.append(f'<h{level} class="kop">{html.escape(first.text)}</h{level}>')
        elif first.kind == "signature":
            lines = [f"<p>{html.escape(line)}</p>" for line in first.text.split("\n")]
            body.append('<div class="ondertekening">' + "".join(lines) + "</div>")
        elif first.kind == "item":
            tag = "ul" if first.marker == "–" else "ol"
            items = "".join(
                f'<li><span class="nr">{html.escape(b.marker)}</span><p>{_html_inline(b.text)}</p></li>'
                for b in group
            )
            body.append(f'<{tag} class="expliciet">{items}</{tag}>')
        else:
            body.append(f'<p class="al">{_html_inline(first.text)}</p>')
    if in_annex:
        body.append("</div>")
    body.append(
        '<div class="noten"><div class="noot" id="ID-32824-47-noot1">'
        f'<sup class="nootnum">{FOOTNOTE[0]}</sup><p>{html.escape(FOOTNOTE[1])}</p></div></div>'
    )
    page = (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        "<title>Kamerstuk 32824, nr. 47 | Overheid.nl &gt; Officiële bekendmakingen</title>\n"
        f"{metas}\n<style>.nootnum {{ font-size: smaller; }}</style>\n</head>\n<body>\n"
        '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/zoeken">Zoeken</a></li></ul></nav>'
        "</header>\n"
        '<main id="content"><div id="broodtekst" class="stuk">\n' + "\n".join(body) + "\n</div></main>\n"
        "<footer><p>Dit is een officiële uitgave.</p></footer>\n</body>\n</html>\n"
    )
    path.write_text(page, encoding="utf-8")


# --- XML -------------------------------------------------------------------------------------------


def _xml_inline(text: str) -> str:
    return escape(text).replace(
        ANCHOR,
        ANCHOR[:-1] + f'<noot id="ID-32824-47-noot1" type="voet"><noot.nr>{FOOTNOTE[0]}</noot.nr>'
        f"<noot.al>{escape(FOOTNOTE[1])}</noot.al></noot>",
    )


def write_xml(path: Path, blocks: list[Block]) -> None:
    """An officiele-publicatie: metadata, kamerstukkop, dossier, stuk with brief and bijlage."""
    metas = "\n".join(f"    <meta name={quoteattr(n)} content={quoteattr(v)}/>" for n, v in META.items())

    def render(group: list[Block]) -> str:
        first = group[0]
        if first.kind == "heading":
            if first.level == 1:
                return ""
            number, _, title = first.text.partition(" ")
            if first.annex and number.isdigit():
                return f"<kop><nr>{number}</nr><titel>{escape(title)}</titel></kop>"
            return f"<tussenkop>{escape(first.text)}</tussenkop>"
        if first.kind == "item":
            items = "".join(
                f"<li><li.nr>{escape(b.marker)}</li.nr><al>{_xml_inline(b.text)}</al></li>" for b in group
            )
            return f'<lijst type="expliciet">{items}</lijst>'
        if first.kind == "signature":
            return ""
        return f"<al>{_xml_inline(first.text)}</al>"

    letter = [g for g in _groups(blocks) if not g[0].annex]
    annex = [g for g in _groups(blocks) if g[0].annex]
    signature = next(b for b in blocks if b.kind == "signature")
    signature_als = "".join(f"<al>{escape(line)}</al>" for line in signature.text.split("\n"))
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xml:lang="nl">
  <metadata>
{metas}
  </metadata>
  <kamerstuk>
    <kamerstukkop><kamer nummer="2"/><vergaderjaar>{KOP[1]}</vergaderjaar></kamerstukkop>
    <dossier><dossiernummer><dossiernr>32824</dossiernr></dossiernummer><titel>Integratiebeleid</titel></dossier>
    <stuk>
      <stuknr><ondernummer>47</ondernummer></stuknr>
      <titel>BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID</titel>
      <brief>
        <aanhef><richting>{KOP[4]}</richting><plaats-datum><plaats>Den Haag</plaats>, <datum isodatum="2013-12-19">19 december 2013</datum></plaats-datum></aanhef>
        <brieftekst>
{chr(10).join("          " + render(g) for g in letter if render(g))}
        </brieftekst>
        <ondertekening>{signature_als}</ondertekening>
      </brief>
      <bijlage>
        <kop><titel>{ANNEX_TITLE}</titel></kop>
{chr(10).join("        " + render(g) for g in annex if render(g))}
      </bijlage>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""
    path.write_text(document, encoding="utf-8")


# --- hostile ---------------------------------------------------------------------------------------

XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE officiele-publicatie [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<officiele-publicatie><kamerstuk><stuk><brief><brieftekst><al>&xxe;</al></brieftekst></brief></stuk>
</kamerstuk></officiele-publicatie>
"""

BILLION_LAUGHS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<officiele-publicatie><kamerstuk><stuk><brief><brieftekst><al>&lol9;</al></brieftekst></brief></stuk>
</kamerstuk></officiele-publicatie>
"""

#: Dutch lines of the example with ï, é, ë and €, for the cp1252 fixture
CP1252_LINES = (
    "In februari van dit jaar heb ik de Tweede Kamer met de Agenda Integratie",
    "(Kamerstuk 32 824, nr. 7) geïnformeerd over het integratiebeleid van dit",
    "kabinet.",
    "",
    "Eén van de uitkomsten van de expertmeeting is dat er winst kan worden",
    "gehaald uit het beter verbinden van verschillende activiteiten.",
    "",
    "Buitenlandse financiering moskeeën kost € 1,2 miljoen; zie «de brief» van 19 december.",
)


def write_hostile(pdf_bytes: bytes, docx_bytes: bytes) -> None:
    """The files every reader must refuse: see tests/sources/test_hostile.py."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    HOSTILE.mkdir(exist_ok=True)
    (HOSTILE / "empty.txt").write_bytes(b"")
    rng = random.Random(47)
    (HOSTILE / "binary.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00" + rng.randbytes(4088))
    (HOSTILE / "truncated.pdf").write_bytes(pdf_bytes[: len(pdf_bytes) // 2])
    write_pdf(
        HOSTILE / "encrypted.pdf",
        example_pages()[:1],
        encrypt=StandardEncryption("geheim", ownerPassword="eigenaar", strength=128),
    )
    image = canvas.Canvas(str(HOSTILE / "image_only.pdf"), pagesize=A4, invariant=1)
    image.setFillGray(0.6)
    image.rect(72, 400, 450, 300, fill=1)
    image.circle(300, 250, 80, fill=1)
    image.showPage()
    image.save()
    (HOSTILE / "xxe.xml").write_text(XXE, encoding="utf-8")
    (HOSTILE / "billion_laughs.xml").write_text(BILLION_LAUGHS, encoding="utf-8")
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
        target.writestr("word/media/image1.png", b"\0" * (64 * 1024 * 1024), zipfile.ZIP_DEFLATED, 9)
    (HOSTILE / "zipbomb.docx").write_bytes(bomb.getvalue())
    (HOSTILE / "cp1252.txt").write_bytes(("\r\n".join(CP1252_LINES) + "\r\n").encode("cp1252"))


def main() -> None:
    """Write every fixture and print its size."""
    pages = example_pages()
    blocks = example_blocks()
    write_pdf(OUT / "kst-32824-47.pdf", pages)
    write_docx(OUT / "kst-32824-47.docx", blocks)
    write_html(OUT / "kst-32824-47.html", blocks)
    write_xml(OUT / "kst-32824-47.xml", blocks)
    write_hostile((OUT / "kst-32824-47.pdf").read_bytes(), (OUT / "kst-32824-47.docx").read_bytes())
    for path in sorted([*OUT.glob("kst-*"), *HOSTILE.iterdir()]):
        print(f"{path.relative_to(OUT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
