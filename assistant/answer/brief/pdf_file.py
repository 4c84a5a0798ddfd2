"""The PDF writer of a brief (fpdf2, imported only here), with a Unicode TrueType font so Indonesian and
English text, dashes and curly quotes render.

Contract: `pdf_bytes(blocks)` lays out the brief's blocks (answer.brief.render.blocks): a title, headings in
bold, paragraphs, bullets and numbered sources, every citation marker as text ([n]), A4 with page numbers.
The font is DejaVu Sans: Debian's (`fonts-dejavu-core`), else the copy matplotlib ships; with neither an
ExportError says what to install.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import ExportError

DEBIAN_FONTS = Path("/usr/share/fonts/truetype/dejavu")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def font_files() -> tuple[Path, Path]:
    """(regular, bold) DejaVu Sans: Debian's, else matplotlib's copy."""
    folders = [DEBIAN_FONTS]
    try:
        import matplotlib

        folders.append(Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf")
    except ImportError:
        pass
    for folder in folders:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise ExportError("no Unicode font for the PDF: install Debian's fonts-dejavu-core "
                      "(apt-get install fonts-dejavu-core) or matplotlib")


def plain(text: str) -> str:
    """Markdown emphasis removed: the PDF sets headings and names in bold itself."""
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


def pdf_bytes(blocks: list[tuple[str, str]]) -> bytes:
    from fpdf import FPDF

    regular, bold = font_files()
    pdf = FPDF(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.alias_nb_pages()
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, text in blocks:
        text = plain(text)
        if kind == "title":
            pdf.set_font("DejaVu", "B", 16)
            pdf.multi_cell(width, 8, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "meta":
            pdf.set_font("DejaVu", "", 9)
            pdf.multi_cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
        elif kind == "heading":
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(width, 7, text, new_x="LMARGIN", new_y="NEXT")
        elif kind in ("bullet", "source"):
            pdf.set_font("DejaVu", "", 10)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(width - 4, 5, ("• " if kind == "bullet" else "") + text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)
        else:
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    return bytes(pdf.output())
